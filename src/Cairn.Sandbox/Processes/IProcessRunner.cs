namespace Cairn.Sandbox.Processes;

/// <summary>
/// Starts host processes. Everything in Cairn.Sandbox that runs a tool (mmdebstrap, bwrap, tar, cp, apt
/// inside the sandbox) goes through this one seam, so unit tests replace it with a fake.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Runs the process to its end; a non-zero exit is a result, not an exception.</summary>
    Task<CommandResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken);
}
