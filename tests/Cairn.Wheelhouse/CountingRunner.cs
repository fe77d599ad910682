using Cairn.Sandbox;
using Cairn.Sandbox.Processes;

namespace Cairn.Wheelhouse;

/// <summary>Counts the processes requests start: a base served from the cache starts none.</summary>
public sealed class CountingRunner(IProcessRunner inner) : IProcessRunner
{
    public int Count { get; private set; }

    public Task<CommandResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        Count++;
        return inner.RunAsync(request, cancellationToken);
    }
}
