using Cairn.Diagnostics.Reporting;

namespace Cairn.Sandbox.Processes;

/// <summary>A runner that tells the reporter each command line before it runs (shown at --verbosity=trace, always logged).</summary>
public sealed class TracedProcessRunner(IProcessRunner inner, IReporter reporter) : IProcessRunner
{
    public Task<CommandResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        reporter.Trace($"running {request.CommandLine}");
        return inner.RunAsync(request, cancellationToken);
    }
}
