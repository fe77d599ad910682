namespace Cairn.Pebble.Reaper;

/// <summary>What to start: resolved program path, argv, full environment, and optional directory and identity.</summary>
internal sealed record SpawnRequest(
    string Path,
    IReadOnlyList<string> Argv,
    IReadOnlyList<string> Environment,
    string? WorkingDir = null,
    uint? Uid = null,
    uint? Gid = null);
