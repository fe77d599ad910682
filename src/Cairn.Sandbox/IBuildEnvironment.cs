namespace Cairn.Sandbox;

/// <summary>
/// Where lifecycle steps run: the build base's root filesystem entered through bubblewrap, or the host
/// itself in destructive mode. The parts engine sees only this seam, so its unit tests use a fake.
/// Host directories bound into the environment (the project's work directory: parts, stage, prime) appear
/// at the same absolute path inside, so paths never need translating.
/// </summary>
public interface IBuildEnvironment
{
    /// <summary>For progress and errors, e.g. "ubuntu@24.04 (bubblewrap)" or "the host (destructive mode)".</summary>
    string Description { get; }

    /// <summary>Runs a command inside the environment and waits for it.</summary>
    Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command for the user at the terminal (a shell): it shares cairn's stdin, stdout and stderr, so the
    /// command's <see cref="SandboxCommand.OnOutput"/> and <see cref="SandboxCommand.LogFile"/> are not used.
    /// Returns its exit code.
    /// </summary>
    Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Resolves <paramref name="packages"/> (Debian package names or chisel slice names) with apt inside the
    /// environment, downloads them with apt's hash checks, and unpacks them without maintainer scripts into
    /// <paramref name="targetDirectory"/>.
    /// </summary>
    Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken);
}
