namespace Cairn.Sandbox.Environments;

/// <summary>Runs cairn's own tools (apt, dpkg-deb) inside an environment, with extra host paths bound.</summary>
internal interface IToolRunner
{
    /// <summary>What the environment is, for errors ("ubuntu@24.04").</summary>
    string BaseDescription { get; }

    /// <summary>Runs <paramref name="argv"/> with <paramref name="binds"/> (host path to writable) visible at the same path.</summary>
    Task<CommandResult> ExecAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, bool> binds, Action<string>? onOutput, CancellationToken cancellationToken);
}
