using Cairn.Diagnostics;
using Cairn.Project.Extensions;
using Cairn.Project.Model;
using Cairn.TestKit;

namespace Cairn.Build.Tests;

/// <summary>The project's parts as the lifecycle gets them: mapped, with cairn's own files provided and pebble added.</summary>
public sealed class ProjectPartsTests : IDisposable
{
    private readonly TempDirectory _home = new("cairn-project-parts");
    private readonly Payload _payload;
    private readonly ProjectWork _work;

    public ProjectPartsTests()
    {
        foreach (var daemon in new[] { Payload.Pebble, Payload.StatsdExporter })
            File.SetUnixFileMode(_home.Write($"payload/{daemon}", $"{daemon} stand-in\n"), (UnixFileMode)0b111_101_101);
        _payload = new Payload(_home.Combine("payload"));
        _work = new ProjectWork(_home.Combine("work"));
    }

    public void Dispose() => _home.Dispose();

    private static RockProject Project(params PartDefinition[] parts) =>
        new() { Name = "parts-test", Title = "parts-test", Base = "ubuntu@24.04", Parts = parts };

    [Fact]
    public void Pebble_is_added_last_from_a_copy_of_the_payload_and_cairns_files_become_local_sources()
    {
        var parts = ProjectParts.For(Project(
            new PartDefinition { Name = "exporter", Plugin = "dump", Source = PayloadSources.StatsdExporter },
            new PartDefinition { Name = "mine", Plugin = "nil", OverrideBuild = "echo hi" }), _payload, _work);

        Assert.Equal(["exporter", "mine", PebblePart.Name], parts.Select(p => p.Name));
        var exporter = parts[0];
        Assert.Equal("local", exporter.SourceType);
        Assert.Equal("statsd_exporter stand-in\n", File.ReadAllText(Path.Combine(exporter.Source!, Payload.StatsdExporter)));
        Assert.Equal("echo hi", parts[1].Overrides[Cairn.Parts.Step.Build]);
        var pebble = Path.Combine(parts[^1].Source!, Payload.Pebble);
        Assert.StartsWith(_work.Provided, pebble, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(pebble));
    }

    [Fact]
    public void A_part_named_pebble_is_refused()
    {
        var error = Assert.Throws<CairnException>(() => ProjectParts.For(Project(new PartDefinition { Name = "pebble", Plugin = "nil" }), _payload, _work));
        Assert.Equal(BuildErrorCodes.UnsupportedPartFeature, error.Diagnostics[0].Code);
        Assert.Contains("cairn adds that part to every rock itself", error.Message);
    }

    [Theory]
    [InlineData("stage-snaps")]
    [InlineData("build-snaps")]
    public void A_part_using_snaps_says_what_to_use_instead(string key)
    {
        var part = key == "stage-snaps"
            ? new PartDefinition { Name = "snappy", Plugin = "nil", StageSnaps = ["hello"] }
            : new PartDefinition { Name = "snappy", Plugin = "nil", BuildSnaps = ["hello"] };
        var error = Assert.Throws<CairnException>(() => ProjectParts.For(Project(part), _payload, _work));
        Assert.Contains($"cairn does not support '{key}' yet", error.Message);
        Assert.NotNull(error.Diagnostics[0].Hint);
    }
}
