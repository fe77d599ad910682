using System.Runtime.InteropServices;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// <c>statsd_exporter_build_info</c>: constant 1 with the build's labels. The label names are upstream's (client_golang
/// 1.17, with <c>tags</c>); <c>goversion</c> carries the .NET runtime version because there is no Go.
/// </summary>
public sealed class BuildInfo : SelfMetric
{
    private readonly Label[] _labels;

    /// <summary>Creates the metric for <paramref name="version"/>.</summary>
    public BuildInfo(string version, string runtimeVersion)
        : base("statsd_exporter_build_info",
            "A metric with a constant '1' value labeled by version, revision, branch, goversion from which statsd_exporter was built, and the goos and goarch for the build.",
            MetricType.Gauge)
    {
        _labels =
        [
            new("branch", ""),
            new("goarch", Architecture),
            new("goos", "linux"),
            new("goversion", runtimeVersion),
            new("revision", "unknown"),
            new("tags", "unknown"),
            new("version", version),
        ];
    }

    /// <summary>Go's name for this machine's architecture.</summary>
    public static string Architecture => RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <inheritdoc />
    public override bool HasSamples => true;

    /// <inheritdoc />
    public override void WriteSamples(ExpositionWriter writer) => writer.WriteSample(Name, _labels, 1);
}
