using Cairn.Sandbox;

namespace Cairn.Parts.Tests.Fakes;

/// <summary>
/// A build environment that records each command and the script it was given and succeeds without running it,
/// except commands <paramref name="passThrough"/> accepts, which <paramref name="inner"/> runs.
/// </summary>
public sealed class RecordingBuildEnvironment(IBuildEnvironment? inner = null, Func<SandboxCommand, bool>? passThrough = null) : IBuildEnvironment
{
    public List<(SandboxCommand Command, string Script)> Commands { get; } = [];

    public List<string> StagedPackageRequests { get; } = [];

    public string Description => "a recorder (test)";

    public Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        var script = command.Arguments.Count > 1 && File.Exists(command.Arguments[1]) ? File.ReadAllText(command.Arguments[1]) : "";
        Commands.Add((command, script));
        if (inner is not null && passThrough?.Invoke(command) == true)
            return inner.RunAsync(command, cancellationToken);
        return Task.FromResult(new CommandResult(0, []));
    }

    /// <summary>Records the command like <see cref="RunAsync"/> (the lifecycle itself never opens a shell).</summary>
    public Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        Commands.Add((command, ""));
        return Task.FromResult(0);
    }

    public Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken)
    {
        StagedPackageRequests.AddRange(packages);
        Directory.CreateDirectory(targetDirectory);
        return Task.FromResult<IReadOnlyList<StagedPackage>>(packages.Select(p => new StagedPackage(p, "1.0", "amd64")).ToList());
    }
}
