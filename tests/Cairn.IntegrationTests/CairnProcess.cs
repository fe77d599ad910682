using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Runs the real cairn executable (as a user would) with an explicit environment.</summary>
public static class CairnProcess
{
    /// <summary>The cairn.dll built beside these tests (the Cli project is a reference, so it is copied here).</summary>
    private static string CairnDll => Path.Combine(AppContext.BaseDirectory, "cairn.dll");

    public static Task<ProcessOutput> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [CairnDll, .. args], workingDirectory, environment, TimeSpan.FromMinutes(20));
}
