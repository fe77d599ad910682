using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Environments;

/// <summary>
/// <c>--destructive-mode</c>: the steps run on the host itself, with the same explicit variable set as in
/// the sandbox; build-packages are installed on the host, stage-packages resolved against the host's packages.
/// </summary>
public sealed class HostEnvironment : IBuildEnvironment, IToolRunner
{
    private readonly SandboxHost _host;
    private readonly PassThrough _passThrough;
    private readonly string _home;
    private readonly PackageStager _stager;

    /// <param name="host">The effects.</param>
    /// <param name="passThrough">The caller's variables.</param>
    /// <param name="home">HOME for commands (the caller's).</param>
    /// <param name="packagePool">Where downloaded .deb files are kept.</param>
    public HostEnvironment(SandboxHost host, PassThrough passThrough, string home, string packagePool)
    {
        _host = host;
        _passThrough = passThrough;
        _home = home;
        _stager = new PackageStager(this, runBaseStatus: null, packagePool, host.Reporter, host.ChiselRelease, host.Architecture);
    }

    /// <inheritdoc />
    public string Description => "the host (destructive mode)";

    /// <inheritdoc />
    public string BaseDescription => "the host's apt sources";

    /// <inheritdoc />
    public Task<CommandResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, _home, _passThrough, command.Environment);
        return _host.Runner.RunAsync(Request(command.Arguments, variables, command.WorkingDirectory, command.OnOutput) with { LogFile = command.LogFile }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> RunInteractiveAsync(SandboxCommand command, CancellationToken cancellationToken)
    {
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, _home, _passThrough, command.Environment);
        var request = Request(command.Arguments, variables, command.WorkingDirectory, onOutput: null) with { Interactive = true };
        return (await _host.Runner.RunAsync(request, cancellationToken).ConfigureAwait(false)).ExitCode;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StagedPackage>> StagePackagesAsync(IReadOnlyList<string> packages, string targetDirectory, CancellationToken cancellationToken) =>
        _stager.StageAsync(packages, targetDirectory, cancellationToken);

    /// <inheritdoc />
    Task<CommandResult> IToolRunner.ExecAsync(IReadOnlyList<string> argv, IReadOnlyDictionary<string, bool> binds, Action<string>? onOutput, CancellationToken cancellationToken)
    {
        var variables = SandboxVariables.For(BubblewrapArguments.SandboxPath, _home, _passThrough, Apt.Variables);
        return _host.Runner.RunAsync(Request(argv, variables, "/", onOutput), cancellationToken);
    }

    /// <summary>
    /// The request running <paramref name="argv"/> in a PID namespace of its own, whose first process dies with
    /// unshare (<c>--kill-child</c>), which dies with cairn: the kernel then ends everything the step started (pip,
    /// apt's methods), as the sandbox's namespace does. As an ordinary user the namespace needs a user namespace, which
    /// maps the caller to itself, so files are made as that user as before.
    /// </summary>
    private ProcessRequest Request(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> variables, string workingDirectory, Action<string>? onOutput) =>
        new([_host.Tools.Require("unshare", "run a step on the host"), .. _host.IsRoot ? [] : new[] { "--map-current-user" }, "--pid", "--fork", "--kill-child", "--", .. argv])
        {
            ClearEnvironment = true,
            Environment = variables.ToDictionary(v => v.Key, string? (v) => v.Value),
            WorkingDirectory = workingDirectory,
            OnOutput = onOutput,
        };
}
