using Cairn.Sandbox;
using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Tests;

/// <summary>Records each request and answers with a scripted result; the script may also write files.</summary>
internal sealed class FakeProcessRunner(Func<ProcessRequest, CommandResult>? respond = null) : IProcessRunner
{
    public List<ProcessRequest> Requests { get; } = [];

    public Task<CommandResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var result = respond?.Invoke(request) ?? new CommandResult(0, []);
        foreach (var line in result.LastLines)
            request.OnOutput?.Invoke(line);
        return Task.FromResult(result);
    }
}
