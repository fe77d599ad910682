namespace Cairn.Pebble.Reaper;

/// <summary>
/// What supervising a service needs of the operating system: find a program, start it, signal it. The daemon uses
/// <see cref="PosixSpawner"/>; the service manager's unit tests use a fake, so each state transition (start, exit,
/// backoff, stop, kill) can be driven and checked without real processes or waiting out real delays.
/// </summary>
internal interface IProcessSpawner
{
    /// <summary>The program's path, found in PATH as Go's exec.LookPath does; throws <see cref="SpawnException"/>.</summary>
    string LookPath(string name);

    /// <summary>Starts the process in a process group of its own; throws <see cref="SpawnException"/>.</summary>
    SpawnedProcess Spawn(SpawnRequest request);

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>, or to the process group -<paramref name="pid"/>.</summary>
    void Signal(int pid, int signal);
}
