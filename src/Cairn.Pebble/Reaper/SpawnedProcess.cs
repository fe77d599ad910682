namespace Cairn.Pebble.Reaper;

/// <summary>A started process: its pid (also its process group), its exit, and the read end of its output pipe.</summary>
internal sealed record SpawnedProcess(int Pid, Task<int> Exited, Stream Output);
