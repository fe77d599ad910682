namespace Cairn.StatsdExporter.Tests;

/// <summary>
/// The statsd mapping every flask rock ships (<c>src/Cairn.Project/Extensions/Flask/Data/statsd-mapping.conf</c>), linked
/// into this project's output by the project file.
/// </summary>
public static class RockMapping
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "RockMapping", "statsd-mapping.conf");
}
