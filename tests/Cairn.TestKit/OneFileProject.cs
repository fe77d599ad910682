namespace Cairn.TestKit;

/// <summary>
/// The smallest project that packs: <c>base: bare</c>, one dump part of one file, packed on the host (destructive
/// mode) with stand-ins for cairn's daemons, under a home of its own (cache, state). For the tests of the pack
/// pipeline and of what pack prints, which need a real pack but no sandbox or base.
/// </summary>
public sealed class OneFileProject : IDisposable
{
    private readonly TempDirectory _home;

    public OneFileProject(string name, string architecture)
    {
        _home = new TempDirectory("cairn-" + name);
        Directory = _home.Combine("project");
        _home.Write("project/rockcraft.yaml", $"""
            name: {name}
            version: "1.0"
            summary: a rock of one file
            description: a test's project.
            base: bare
            build-base: ubuntu@24.04
            platforms:
                {architecture}:
            parts:
                files:
                    plugin: dump
                    source: files
            """);
        _home.Write("project/files/etc/greeting", "hello\n");
        foreach (var daemon in new[] { "pebble", "statsd_exporter" })
            File.SetUnixFileMode(_home.Write($"payload/{daemon}", $"#!/bin/sh\necho {daemon} stand-in\n"), (UnixFileMode)0b111_101_101);
        Variables = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = _home.Path,
            ["XDG_CACHE_HOME"] = _home.Combine("cache"),
            ["XDG_STATE_HOME"] = _home.Combine("state"),
            ["SOURCE_DATE_EPOCH"] = "1700000000",
            ["CAIRN_PAYLOAD"] = Payload,
        };
    }

    /// <summary>The home the project, its cache and state live in.</summary>
    public TempDirectory Home => _home;

    /// <summary>The project directory (rockcraft.yaml, files/).</summary>
    public string Directory { get; }

    /// <summary>The stand-in daemons.</summary>
    public string Payload => _home.Combine("payload");

    /// <summary>The environment a pack of it runs with (the home's cache and state, a fixed SOURCE_DATE_EPOCH, the payload).</summary>
    public Dictionary<string, string> Variables { get; }

    public void Dispose() => _home.Dispose();
}
