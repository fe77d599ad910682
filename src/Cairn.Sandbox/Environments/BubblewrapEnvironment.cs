using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Environments;

/// <summary>
/// A build environment entered through bubblewrap: the cached root (build base plus build-packages) read-only,
/// <c>/proc</c>, <c>/dev</c>, tmpfs on <c>/tmp</c>, <c>/run</c> and <c>/root</c> (HOME), the work directory
/// and the caller's local pip directories bound at the same path. As an ordinary user a user namespace maps
/// the caller to root inside.
/// </summary>
public sealed class BubblewrapEnvironment : IBuildEnvironment, IToolRunner
{
    private readonly SandboxHost _host;
    private readonly string _bwrap;
    private readonly string _rootfs;
    private readonly string _workDirectory;
    private readonly PassThrough _passThrough;
    private readonly PackageStager _stager;
    private readonly string _packagePool;

    /// <param name="host">The effects.</param>
    /// <param name="bwrap">bwrap's full path.</param>
    /// <param name="rootfs">The environment's root on the host.</param>
    /// <param name="baseDescription">The build base (and run base when they differ), e.g. "ubuntu@24.04".</param>
    /// <param name="workDirectory">The project's work directory.</param>
    /// <param name="passThrough">The caller's variables and local paths.</param>
    /// <param name="runBaseStatus">The run base's dpkg status file (an empty file for bare).</param>
    /// <param name="packagePool">Where downloaded .deb files are kept.</param>
    public BubblewrapEnvironment(
        SandboxHost host, string bwrap, string rootfs, string baseDescription, string workDirectory, PassThrough passThrough, string runBaseStatus, string packagePool)
    {
        _host = host;
        _bwrap = bwrap;
        _rootfs = rootfs;
        _workDirectory = Path.GetFullPath(workDirectory);
        _passThrough = passThrough;
        BaseDescription = baseDescription;
        _packagePool = packagePool;
        _stager = new PackageStager(this, runBaseStatus, packagePool, host.Reporter, host.ChiselRelease, host.Architecture);
    }

    /// <inheritdoc />
    public string Description => $"{BaseDescription} (bubblewrap)";

    /// <inheritdoc />
    public string BaseDescription { get; }

    /// <summary>The root filesystem commands see.</summary>
    public string RootPath => _rootfs;

    /// <summary>
    /// Where stage-packages' .deb files are downloaded (<see cref="StagedPackage.DebFileName"/>): tools that
    /// need a package's own files (the wheelhouse builder) read them from here.
    /// </summary>
    public string PackagePool => _packagePool;

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken) =>
        _host.Runner.RunAsync(new ProcessRequest(Arguments(command, interactive: false)) { OnOutput = command.OnOutput, LogFile = command.LogFile }, cancellationToken);

    /// <inheritdoc />
    public async Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken) =>
        (await _host.Runner.RunAsync(new ProcessRequest(Arguments(command, interactive: true)) { Interactive = true }, cancellationToken).ConfigureAwait(false)).ExitCode;

    /// <inheritdoc />
    public Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken) =>
        _stager.StageAsync(packages, targetDirectory, cancellationToken);

    /// <inheritdoc />
    Task<CommandResult> IToolRunner.ExecAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, bool> binds, Action<string>? onOutput, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, bool>(binds, StringComparer.Ordinal);
        all.TryAdd(_workDirectory, true);
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, "/root", new PassThrough(ProxiesOnly(), []), Apt.Variables);
        var full = BubblewrapArguments.Build(_bwrap, _rootfs, writableRoot: false, unshareUser: !_host.IsRoot, all, variables, "/", argv);
        return _host.Runner.RunAsync(new ProcessRequest(full) { OnOutput = onOutput }, cancellationToken);
    }

    private IReadOnlyList<string> Arguments(SandboxCommand command, bool interactive)
    {
        var binds = new Dictionary<string, bool>(StringComparer.Ordinal) { [_workDirectory] = true };
        foreach (var path in _passThrough.ReadOnlyPaths)
            binds.TryAdd(path, false);
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, "/root", _passThrough, command.Environment);
        return BubblewrapArguments.Build(_bwrap, _rootfs, writableRoot: false, unshareUser: !_host.IsRoot, binds, variables, command.WorkingDirectory, command.Arguments,
            newSession: !interactive);
    }

    private Dictionary<string, string> ProxiesOnly() =>
        _passThrough.Variables.Where(v => PassThrough.ProxyVariables.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value);
}
