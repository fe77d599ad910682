using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>
/// A fact that runs the published Native AOT binary (<c>artifacts/payload/statsd_exporter</c>, made by scripts/setup).
/// Skipped with a reason when it has not been published on a developer machine; in CI it runs and so fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PublishedBinaryFactAttribute : FactAttribute
{
    public PublishedBinaryFactAttribute()
    {
        if (!File.Exists(ExporterProcess.BinaryPath) && !Tools.AreRequired)
            Skip = $"needs {ExporterProcess.BinaryPath} (run scripts/setup, which publishes it); in CI this test fails instead";
    }
}
