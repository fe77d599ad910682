using Cairn.Diagnostics;

namespace Cairn.Build;

/// <summary>
/// The native binaries cairn stages into every rock (our pebble and statsd_exporter), published by
/// <c>scripts/setup</c>. Found, in order: <c>CAIRN_PAYLOAD</c>; a <c>payload</c> directory beside cairn; the
/// <c>artifacts/payload</c> directory of the checkout cairn was built in.
/// </summary>
public sealed record Payload(string Directory)
{
    public const string Variable = "CAIRN_PAYLOAD";
    public const string Pebble = "pebble";
    public const string StatsdExporter = "statsd_exporter";

    public string PebblePath => Path.Combine(Directory, Pebble);

    public string StatsdExporterPath => Path.Combine(Directory, StatsdExporter);

    /// <summary>Finds the payload, or explains how to make one.</summary>
    public static Payload Locate(Func<string, string?> getVariable, string baseDirectory)
    {
        var candidates = new List<string>();
        if (getVariable(Variable) is { Length: > 0 } fromVariable) candidates.Add(fromVariable);
        candidates.Add(Path.Combine(baseDirectory, "payload"));
        for (var dir = new DirectoryInfo(baseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx")))
            {
                candidates.Add(Path.Combine(dir.FullName, "artifacts", "payload"));
                break;
            }
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, Pebble)) && File.Exists(Path.Combine(candidate, StatsdExporter)))
                return new Payload(Path.GetFullPath(candidate));
        }

        throw CairnException.Environment(
            BuildErrorCodes.PayloadMissing,
            $"cannot find cairn's payload (the native pebble and statsd_exporter): looked in {string.Join(", ", candidates)}",
            $"run scripts/setup in the cairn checkout, or point {Variable} at a directory holding both binaries");
    }
}
