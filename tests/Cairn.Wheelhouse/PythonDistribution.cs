namespace Cairn.Wheelhouse;

/// <summary>What a Debian python3-* package holds as a Python distribution, read from its egg-info or dist-info.</summary>
/// <param name="Package">The Debian package (python3-tz).</param>
/// <param name="Name">The distribution's own name (pytz).</param>
/// <param name="Version">The distribution's version as its metadata says.</param>
/// <param name="Summary">Its one-line summary, if any.</param>
/// <param name="MetadataDirectory">The egg-info/dist-info directory or file inside dist-packages.</param>
/// <param name="EntryPoints">Its entry_points.txt, if any (console scripts pip generates).</param>
public sealed record PythonDistribution(string Package, string Name, string Version, string? Summary, string MetadataDirectory, string? EntryPoints)
{
    /// <summary>The name as a wheel file name spells it (runs of -_. become _).</summary>
    public string WheelName => System.Text.RegularExpressions.Regex.Replace(Name, "[-_.]+", "_");
}
