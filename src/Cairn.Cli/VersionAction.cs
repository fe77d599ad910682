using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Cairn.Cli;

/// <summary>
/// Prints cairn's own version for <c>--version</c>. The built-in action prints the entry assembly's version,
/// which is the test host's when cairn runs in-process.
/// </summary>
public sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>cairn's version (the informational version of this assembly).</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
