using Cairn.Sandbox;

namespace Cairn.Build;

/// <summary>
/// An <see cref="IBuildEnvironment"/> made on first use. The lifecycle is constructed before it knows whether
/// any step must run; when none must (nothing changed), no base is checked and no sandbox prepared.
/// </summary>
public sealed class LazyBuildEnvironment(string description, Func<CancellationToken, Task<IBuildEnvironment>> create) : IBuildEnvironment
{
    private Task<IBuildEnvironment>? _environment;

    public string Description => description;

    /// <summary>True once a step has needed the environment.</summary>
    public bool IsCreated => _environment is not null;

    public async Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).RunAsync(command, cancellationToken).ConfigureAwait(false);

    public async Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).RunInteractiveAsync(command, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken) =>
        await (await GetAsync(cancellationToken).ConfigureAwait(false)).StagePackagesAsync(packages, targetDirectory, cancellationToken).ConfigureAwait(false);

    private Task<IBuildEnvironment> GetAsync(CancellationToken cancellationToken)
    {
        // A failed creation is not remembered: the next call tries again rather than repeating a stale error.
        if (_environment is { IsFaulted: true } or { IsCanceled: true }) _environment = null;
        return _environment ??= create(cancellationToken);
    }
}
