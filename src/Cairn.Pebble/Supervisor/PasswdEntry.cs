namespace Cairn.Pebble.Supervisor;

/// <summary>An entry of /etc/passwd.</summary>
internal sealed record PasswdEntry(string Name, uint Uid, uint Gid, string Home);
