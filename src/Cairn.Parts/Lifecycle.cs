using Cairn.Parts.Plugins;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// The parts lifecycle (craft-parts' LifecycleManager): plans pull, build, stage and prime for a project's parts
/// (<see cref="Plan"/>, by the <see cref="Sequencer"/>) and runs the plan in an <see cref="IBuildEnvironment"/>
/// (<see cref="RunAsync"/>, by the <see cref="Executor"/>), redoing only steps whose inputs changed since they
/// last finished. The environment is given per run, because making it needs <see cref="BuildPackages"/> from here.
/// </summary>
public sealed class Lifecycle
{
    private readonly LifecycleOptions options;
    private readonly Dictionary<string, PreparedPart> prepared = new(StringComparer.Ordinal);
    private readonly StateStore store;
    private readonly Sequencer sequencer;
    private readonly PartHandler handler;
    private readonly Executor executor;

    /// <summary>Orders and checks <paramref name="parts"/> (graph, plugins and their properties, filesets, permissions).</summary>
    public Lifecycle(LifecycleOptions options, IEnumerable<Part> parts, PluginRegistry? plugins = null)
    {
        this.options = options with
        {
            ProjectDirectory = Path.GetFullPath(options.ProjectDirectory),
            WorkDirectory = Path.GetFullPath(options.WorkDirectory),
        };
        plugins ??= PluginRegistry.Default;
        Layout = new WorkLayout(this.options.WorkDirectory);
        Graph = new PartsGraph(parts);
        var buildPackages = new List<string>();
        foreach (var part in Graph.Parts)
        {
            if (!plugins.TryGet(part.Plugin, out var plugin))
                throw PartsErrors.UnknownPlugin(part.Name, part.Plugin, plugins.Names);
            var context = new PluginContext(part, new PartDirectories(Layout, part), this.options);
            if (plugin.RequiresSource && string.IsNullOrEmpty(part.Source))
                throw PartsErrors.InvalidPluginProperty(part.Name, plugin.Name, "the plugin needs a 'source'");
            plugin.Validate(context);
            _ = new Fileset(part.Name, "stage", part.Stage);
            _ = new Fileset(part.Name, "prime", part.Prime);
            foreach (var rule in part.Permissions)
                if (rule.Owner.HasValue != rule.Group.HasValue)
                    throw PartsErrors.BadPermission(part.Name, $"the entry for '{rule.Path}' gives only one of owner and group; give both or neither");
            prepared[part.Name] = new PreparedPart(part, plugin, context);
            buildPackages.AddRange(part.BuildPackages);
            buildPackages.AddRange(plugin.GetBuildPackages(context));
        }

        BuildPackages = buildPackages.Distinct(StringComparer.Ordinal).ToList();
        store = new StateStore(Layout);
        sequencer = new Sequencer(Graph, prepared, new StepInputs(this.options), store);
        var scripts = new StepScripts(Layout);
        handler = new PartHandler(this.options, Layout, store, new Migrator(Graph, store), scripts);
        executor = new Executor(prepared, handler, scripts);
    }

    /// <summary>The parts in run order.</summary>
    public PartsGraph Graph { get; }

    /// <summary>Where everything lives in the work directory.</summary>
    public WorkLayout Layout { get; }

    /// <summary>Every package the build environment must have: the parts' build-packages and their plugins' (in part order, once each).</summary>
    public IReadOnlyList<string> BuildPackages { get; }

    /// <summary>The shared stage directory.</summary>
    public string StageDirectory => Layout.Stage;

    /// <summary>The prime directory: the rock's payload.</summary>
    public string PrimeDirectory => Layout.Prime;

    /// <summary>The directories of a part.</summary>
    public PartDirectories DirectoriesOf(string part) =>
        prepared.TryGetValue(part, out var found) ? found.Directories : throw PartsErrors.UnknownPart(part, Graph.Parts.Select(p => p.Name));

    /// <summary>
    /// What <see cref="RunAsync"/> would do with <paramref name="run"/> now, without running or writing anything:
    /// every step up to <see cref="LifecycleRunOptions.Target"/> for the chosen parts (and the steps their
    /// <c>after</c> dependencies need), each to run or skip. Only <see cref="LifecycleRunOptions.Target"/>,
    /// <see cref="LifecycleRunOptions.Parts"/> and <see cref="LifecycleRunOptions.Shell"/> count.
    /// </summary>
    public Plan Plan(LifecycleRunOptions run)
    {
        if (run.Shell.HasFlag(ShellMode.InsteadOfStep) && run.Shell.HasFlag(ShellMode.AfterStep))
            throw new ArgumentException("internal error: a shell opens instead of the step or after it, not both", nameof(run));
        var last = run.Shell.HasFlag(ShellMode.InsteadOfStep) ? run.Target - 1 : run.Target;
        return sequencer.Plan(Select(run.Parts), last, run.Target);
    }

    /// <summary>
    /// Runs every step up to <see cref="LifecycleRunOptions.Target"/> for the chosen parts (and stages their
    /// <c>after</c> dependencies first), skipping steps whose inputs are unchanged: <see cref="Plan"/>, then that plan.
    /// </summary>
    public async Task<LifecycleResult> RunAsync(IBuildEnvironment environment, LifecycleRunOptions run, CancellationToken cancellationToken)
    {
        if (run.Shell != ShellMode.None && run.OpenShell is null)
            throw new ArgumentException("internal error: a shell mode needs OpenShell", nameof(run));
        var plan = Plan(run);
        var execution = new Execution(run, environment, options);
        await executor.RunAsync(plan, execution, cancellationToken).ConfigureAwait(false);
        return BuildResult(execution.Outcomes);
    }

    /// <summary>
    /// Removes what the lifecycle made: for named parts, their directories, state, and the files they staged and
    /// primed (unless another part also put them there); with no names, the whole parts, stage and prime directories.
    /// </summary>
    public void Clean(IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            foreach (var dir in Layout.LifecycleDirectories)
                FileTree.DeleteEntry(dir);
            store.ForgetAll();
            return;
        }

        foreach (var part in Select(parts).Select(p => prepared[p.Name]))
        {
            handler.Invalidate(part, Step.Pull);
            FileTree.DeleteEntry(part.Directories.Root);
            store.Forget(part.Name);
        }
    }

    private List<Part> Select(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (!Graph.Contains(name)) throw PartsErrors.UnknownPart(name, Graph.Parts.Select(p => p.Name));
        return names.Count == 0 ? Graph.Parts.ToList() : Graph.Parts.Where(p => names.Contains(p.Name)).ToList();
    }

    private LifecycleResult BuildResult(List<StepOutcome> outcomes)
    {
        var permissions = new SortedDictionary<string, PathPermission>(StringComparer.Ordinal);
        var primed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var packages = new Dictionary<string, IReadOnlyList<StagedPackage>>(StringComparer.Ordinal);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in Graph.Parts)
        {
            foreach (var step in Enum.GetValues<Step>())
                foreach (var (key, value) in store.Read(part.Name, step)?.Variables ?? new Dictionary<string, string>())
                    variables[key] = value;
            if (store.Read(part.Name, Step.Pull) is { Packages.Count: > 0 } pull) packages[part.Name] = pull.Packages;
            if (store.Read(part.Name, Step.Prime) is not { } prime) continue;
            primed[part.Name] = prime.Paths;
            foreach (var permission in prime.Permissions) permissions[permission.Path] = permission;
        }

        return new LifecycleResult
        {
            Steps = outcomes,
            Permissions = permissions.Values.ToList(),
            PrimedPaths = primed,
            StagedPackages = packages,
            ProjectVariables = variables,
            PrimeDirectory = PrimeDirectory,
        };
    }
}
