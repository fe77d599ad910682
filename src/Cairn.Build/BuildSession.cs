using Cairn.Bases;
using Cairn.Parts;
using Cairn.Project;
using Cairn.Project.Model;
using Cairn.Sandbox;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Environments;

namespace Cairn.Build;

/// <summary>
/// A loaded project ready to run its parts: the validated, expanded project, its work directory, and the
/// lifecycle over a build environment that is only prepared when a step has to run. A session holds its work
/// directory until disposed: a second cairn command on the same project waits for it.
/// </summary>
public sealed class BuildSession : IDisposable
{
    private readonly DirectoryLock _hold;

    private BuildSession(BuildHost host, BuildOptions options, LoadedProject loaded, ProjectWork work, Lifecycle lifecycle, LazyBuildEnvironment environment, string? mirror, DirectoryLock hold)
    {
        _hold = hold;
        Mirror = mirror;
        Host = host;
        Options = options;
        Loaded = loaded;
        Work = work;
        Lifecycle = lifecycle;
        Environment = environment;
    }

    public BuildHost Host { get; }

    public BuildOptions Options { get; }

    public LoadedProject Loaded { get; }

    public RockProject Project => Loaded.Project;

    public ProjectWork Work { get; }

    public Lifecycle Lifecycle { get; }

    public LazyBuildEnvironment Environment { get; }

    /// <summary>The apt mirror in effect: the option, else CAIRN_APT_MIRROR; worked out once, when the session opens.</summary>
    public string? Mirror { get; }

    /// <summary>Loads the project, waits until no other cairn works on it, and prepares (but does not run) its lifecycle.</summary>
    public static async Task<BuildSession> OpenAsync(BuildHost host, BuildOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.ProjectDirectory);
        var loaded = ProjectLoader.Load(directory, options.ProjectDirectory);
        var work = ProjectWork.For(host.Sandbox.Cache, loaded.Project.Name, directory);
        // Two commands at once on one project would mix their steps' output and state.
        var hold = await DirectoryLock.AcquireAsync(work.Directory, () => host.Reporter.Message($"waiting for another cairn working on {directory}"), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            ProjectBuilds.Touch(work.Directory, directory, host.Sandbox.Clock);
            return Prepare(host, options, directory, loaded, work, hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    public void Dispose() => _hold.Dispose();

    private static BuildSession Prepare(BuildHost host, BuildOptions options, string directory, LoadedProject loaded, ProjectWork work, DirectoryLock hold)
    {
        var project = loaded.Project;
        var parts = ProjectParts.For(project, host.Payload, work);
        var lifecycleOptions = new LifecycleOptions
        {
            ProjectDirectory = directory,
            WorkDirectory = work.Directory,
            ProjectName = project.Name,
            ProjectVersion = project.Version,
            Base = project.Base,
            BuildBase = project.BuildBase,
            BuildOn = host.Sandbox.Architecture,
            BuildFor = host.Sandbox.Architecture,
            AdoptInfoPart = project.Informational.GetValueOrDefault("adopt-info"),
            // Another index or wheelhouse can give other packages: pip must run again.
            BuildInputs = PassThrough.PipSettings(host.Variables),
            // Other slice definitions cut other files out of the same packages: stage-packages must be cut again.
            PullInputs = host.Sandbox.ChiselRelease is { } release
                ? new Dictionary<string, string> { ["chisel-release"] = Cairn.Sandbox.Slices.SliceRelease.Fingerprint(release) }
                : new Dictionary<string, string>(),
        };

        var lifecycle = new Lifecycle(lifecycleOptions, parts);
        var mirror = BaseRequest.ResolveMirror(options.Mirror, name => host.Variables.GetValueOrDefault(name));
        var description = options.DestructiveMode ? "the host (destructive mode)" : $"{project.EffectiveBuildBase} (bubblewrap)";
        var environment = new LazyBuildEnvironment(description, cancellationToken =>
        {
            var request = new BuildEnvironmentRequest(
                project.RunBase, project.BuildBaseName, lifecycle.BuildPackages, work.Directory, host.Variables)
            {
                DestructiveMode = options.DestructiveMode,
                Mirror = mirror,
                SourceDateEpoch = host.SourceDateEpoch,
            };
            return new BuildEnvironmentFactory(host.Sandbox).CreateAsync(request, cancellationToken);
        });
        return new BuildSession(host, options, loaded, work, lifecycle, environment, mirror, hold);
    }

    /// <summary>Runs the lifecycle up to <paramref name="run"/>'s target, opening a shell where <see cref="BuildOptions.Shell"/> says.</summary>
    public Task<LifecycleResult> RunAsync(LifecycleRunOptions run, CancellationToken cancellationToken) =>
        Lifecycle.RunAsync(Environment, Options.Shell == ShellMode.None ? run : run with { Shell = Options.Shell, OpenShell = OpenShellAsync }, cancellationToken);

    // bash with the step's variables, where the step runs; it reads commands from the terminal (or from stdin when
    // that is not a terminal). Its exit status is the user's business: exiting returns to cairn either way.
    private async Task OpenShellAsync(ShellRequest request, CancellationToken cancellationToken)
    {
        var step = request.Step.ToString().ToLowerInvariant();
        using var paused = Host.Reporter.Pause();
        Host.Reporter.Message($"opening a shell for the {step} step of part '{request.Part}' in {Environment.Description}, in {request.WorkingDirectory}");
        Host.Reporter.Message("exit the shell to go on");
        var command = new SandboxCommand(["bash", "-c", "source \"$1\" && exec bash", "bash", request.EnvironmentScript], request.WorkingDirectory);
        await Environment.RunInteractiveAsync(command, cancellationToken).ConfigureAwait(false);
    }
}
