using Cairn.Diagnostics;

namespace Cairn.Sandbox.Processes;

/// <summary>Running a tool that must succeed.</summary>
public static class ProcessRunnerExtensions
{
    /// <summary>Runs <paramref name="request"/> and turns a non-zero exit into <see cref="ToolFailure"/>.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        this IProcessRunner runner, ProcessRequest request, string purpose, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw ToolFailure(purpose, request.CommandLine, result);
        return result;
    }

    /// <summary>
    /// The error for a tool that failed: what cairn was doing, the command, its exit code and the last lines
    /// of its output (where the tool says why).
    /// </summary>
    public static CairnException ToolFailure(string purpose, string commandLine, CommandResult result, string code = SandboxErrorCodes.ToolFailed, string? hint = null)
    {
        var message = $"cannot {purpose}: the command exited with code {result.ExitCode}\n  command: {commandLine}";
        if (result.LastLines.Count > 0)
            message += "\n  last output:\n" + string.Join('\n', result.LastLines.Select(l => "    " + l));
        return CairnException.Environment(code, message, hint);
    }
}
