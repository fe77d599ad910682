namespace Cairn.IntegrationTests;

/// <summary>Runs a tool to its end, collects its output, and kills it (and its children) on timeout.</summary>
public static class ExternalProcess
{
    public static async Task<ProcessOutput> RunAsync(
        string file, IReadOnlyList<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? standardInput = null)
    {
        using var process = RunningProcess.Start(file, args, workingDirectory, environment, standardInput);
        return await process.WaitAsync(timeout ?? TimeSpan.FromMinutes(5));
    }
}
