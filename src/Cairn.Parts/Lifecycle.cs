using System.Text;
using Cairn.Diagnostics;
using Cairn.Parts.Plugins;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// The parts lifecycle (craft-parts' LifecycleManager): runs pull, build, stage and prime for a project's parts in
/// an <see cref="IBuildEnvironment"/>, redoing only steps whose inputs changed since they last finished.
/// The environment is given per run, because making it needs <see cref="BuildPackages"/> from here.
/// </summary>
public sealed class Lifecycle
{
    private readonly LifecycleOptions options;
    private readonly Dictionary<string, IPlugin> pluginOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginContext> contexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartSource?> sources = new(StringComparer.Ordinal);
    private StateStore store;

    /// <summary>Orders and checks <paramref name="parts"/> (graph, plugins and their properties, filesets, permissions).</summary>
    public Lifecycle(LifecycleOptions options, IEnumerable<Part> parts, PluginRegistry? plugins = null)
    {
        this.options = options with
        {
            ProjectDirectory = Path.GetFullPath(options.ProjectDirectory),
            WorkDirectory = Path.GetFullPath(options.WorkDirectory),
        };
        plugins ??= PluginRegistry.Default;
        Graph = new PartsGraph(parts);
        store = new StateStore(this.options.WorkDirectory);
        var buildPackages = new List<string>();
        foreach (var part in Graph.Parts)
        {
            if (!plugins.TryGet(part.Plugin, out var plugin))
                throw PartsErrors.UnknownPlugin(part.Name, part.Plugin, plugins.Names);
            var context = new PluginContext(part, new PartDirectories(this.options.WorkDirectory, part), this.options);
            if (plugin.RequiresSource && string.IsNullOrEmpty(part.Source))
                throw PartsErrors.InvalidPluginProperty(part.Name, plugin.Name, "the plugin needs a 'source'");
            plugin.Validate(context);
            _ = new Fileset(part.Name, "stage", part.Stage);
            _ = new Fileset(part.Name, "prime", part.Prime);
            foreach (var rule in part.Permissions)
                if (rule.Owner.HasValue != rule.Group.HasValue)
                    throw PartsErrors.BadPermission(part.Name, $"the entry for '{rule.Path}' gives only one of owner and group; give both or neither");
            pluginOf[part.Name] = plugin;
            contexts[part.Name] = context;
            buildPackages.AddRange(part.BuildPackages);
            buildPackages.AddRange(plugin.GetBuildPackages(context));
        }

        BuildPackages = buildPackages.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The parts in run order.</summary>
    public PartsGraph Graph { get; }

    /// <summary>Every package the build environment must have: the parts' build-packages and their plugins' (in part order, once each).</summary>
    public IReadOnlyList<string> BuildPackages { get; }

    /// <summary>The shared stage directory.</summary>
    public string StageDirectory => Path.Combine(options.WorkDirectory, "stage");

    /// <summary>The prime directory: the rock's payload.</summary>
    public string PrimeDirectory => Path.Combine(options.WorkDirectory, "prime");

    /// <summary>The directories of a part.</summary>
    public PartDirectories DirectoriesOf(string part) => contexts.TryGetValue(part, out var c) ? c.Directories : throw PartsErrors.UnknownPart(part, Graph.Parts.Select(p => p.Name));

    /// <summary>
    /// Runs every step up to <see cref="LifecycleRunOptions.Target"/> for the chosen parts (and stages their
    /// <c>after</c> dependencies first), skipping steps whose inputs are unchanged.
    /// </summary>
    public async Task<LifecycleResult> RunAsync(IBuildEnvironment environment, LifecycleRunOptions run, CancellationToken cancellationToken)
    {
        if (run.Shell != ShellMode.None && run.OpenShell is null)
            throw new ArgumentException("internal error: a shell mode needs OpenShell", nameof(run));
        var selected = Select(run.Parts);
        var session = new Session(run, environment);
        if (run.Shell.HasFlag(ShellMode.InsteadOfStep) && run.Shell.HasFlag(ShellMode.AfterStep))
            throw new ArgumentException("internal error: a shell opens instead of the step or after it, not both", nameof(run));
        var last = run.Shell.HasFlag(ShellMode.InsteadOfStep) ? run.Target - 1 : run.Target;
        for (var step = Step.Pull; step <= last; step++)
            foreach (var part in selected)
                await EnsureAsync(part, step, session, cancellationToken).ConfigureAwait(false);
        if ((run.Shell & (ShellMode.InsteadOfStep | ShellMode.AfterStep)) != 0)
            await OpenShellAsync(selected[^1], run.Target, session, cancellationToken).ConfigureAwait(false);
        return BuildResult(session.Outcomes);
    }

    /// <summary>
    /// Removes what the lifecycle made: for named parts, their directories, state, and the files they staged and
    /// primed (unless another part also put them there); with no names, the whole parts, stage and prime directories.
    /// </summary>
    public void Clean(IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            foreach (var dir in new[] { "parts", "stage", "prime" })
                FileTree.DeleteEntry(Path.Combine(options.WorkDirectory, dir));
            store = new StateStore(options.WorkDirectory);
            return;
        }

        foreach (var part in Select(parts))
        {
            Invalidate(part, Step.Pull);
            FileTree.DeleteEntry(contexts[part.Name].Directories.Root);
            store.Forget(part.Name);
        }
    }

    private List<Part> Select(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (!Graph.Contains(name)) throw PartsErrors.UnknownPart(name, Graph.Parts.Select(p => p.Name));
        return names.Count == 0 ? Graph.Parts.ToList() : Graph.Parts.Where(p => names.Contains(p.Name)).ToList();
    }

    private async Task<string> EnsureAsync(Part part, Step step, Session session, CancellationToken cancellationToken)
    {
        if (session.Hashes.TryGetValue((part.Name, step), out var known)) return known;
        var previous = step == Step.Pull ? null : await EnsureAsync(part, step - 1, session, cancellationToken).ConfigureAwait(false);
        var afterHashes = new List<string>();
        if (step == Step.Build)
            foreach (var dependency in part.After)
                afterHashes.Add(dependency + "=" + await EnsureAsync(Graph[dependency], Step.Stage, session, cancellationToken).ConfigureAwait(false));

        var hash = ComputeHash(part, step, previous, afterHashes);
        var state = store.Read(part.Name, step);
        string? reason = state is null ? "not done yet" : state.Hash != hash ? "its inputs changed" : !OutputsExist(part, step, state) ? "its outputs are missing" : null;
        if (reason is null)
        {
            session.Run.Progress?.Report(new LifecycleEvent(part.Name, step, LifecycleEventKind.Skipped, "up to date"));
            session.Outcomes.Add(new StepOutcome(part.Name, step, false));
        }
        else
        {
            session.Run.Progress?.Report(new LifecycleEvent(part.Name, step, LifecycleEventKind.Started, reason));
            try
            {
                await RunStepAsync(part, step, hash, session, cancellationToken).ConfigureAwait(false);
            }
            catch (CairnException) when (session.Run.Shell.HasFlag(ShellMode.OnFailure))
            {
                await OpenShellAsync(part, step, session, cancellationToken).ConfigureAwait(false);
                throw;
            }

            session.Run.Progress?.Report(new LifecycleEvent(part.Name, step, LifecycleEventKind.Finished));
            session.Outcomes.Add(new StepOutcome(part.Name, step, true));
        }

        session.Hashes[(part.Name, step)] = hash;
        return hash;
    }

    private string ComputeHash(Part part, Step step, string? previous, List<string> afterHashes)
    {
        var context = contexts[part.Name];
        var plugin = pluginOf[part.Name];
        var hash = new InputHash(step).Add("previous", previous).Add("override", part.GetOverride(step));
        switch (step)
        {
            case Step.Pull:
                hash.Add("plugin", part.Plugin).Add("source", part.Source).Add("source-type", part.SourceType).Add("source-subdir", part.SourceSubdir)
                    .Add("stage-packages", part.StagePackages).Add("base", options.Base).Add("build-base", options.EffectiveBuildBase)
                    .Add("build-for", options.BuildFor).Add("pull-commands", plugin.GetPullCommands(context))
                    .Add("source-content", SourceOf(part)?.Fingerprint(SourceFilter(part)));
                break;
            case Step.Build:
                hash.Add("properties", part.PluginProperties.Select(p => p.Key + "=" + string.Join('\u001f', p.Value)))
                    .Add("build-environment", part.BuildEnvironment.Select(e => e.Key + "=" + e.Value))
                    .Add("organize", part.Organize.Select(e => e.Key + "=" + e.Value))
                    .Add("build-packages", part.BuildPackages).Add("after", afterHashes)
                    .Add("project", MentionsProjectVariable(part, "CRAFT_PROJECT_NAME") ? options.ProjectName : null)
                    .Add("version", MentionsProjectVariable(part, "CRAFT_PROJECT_VERSION") ? options.ProjectVersion : null)
                    .Add("plugin-environment", plugin.GetBuildEnvironment(context).Select(e => e.Key + "=" + e.Value))
                    .Add("build-commands", plugin.GetBuildCommands(context))
                    .Add("build-inputs", options.BuildInputs.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value));
                break;
            case Step.Stage:
                hash.Add("stage", part.Stage);
                break;
            case Step.Prime:
                hash.Add("prime", part.Prime)
                    .Add("permissions", part.Permissions.Select(p => $"{p.Path}:{p.Owner}:{p.Group}:{p.Mode}"));
                break;
        }

        return hash.Finish();
    }

    // A version bump must not reinstall every venv: the project's name and version count only for a part whose
    // scriptlets or build-environment refer to them.
    private static bool MentionsProjectVariable(Part part, string variable) =>
        part.Overrides.Values.Any(s => s.Contains(variable, StringComparison.Ordinal))
        || part.BuildEnvironment.Any(e => e.Value.Contains(variable, StringComparison.Ordinal));

    private PartSource? SourceOf(Part part)
    {
        if (!sources.TryGetValue(part.Name, out var source))
            sources[part.Name] = source = PartSource.Resolve(part, options);
        return source;
    }

    // Only the files the build reads count, unless a scriptlet (which may read anything) runs at pull or build.
    private Func<string, bool>? SourceFilter(Part part)
    {
        var source = SourceOf(part);
        if (source is null || source.Kind != "local" || part.GetOverride(Step.Pull) is not null || part.GetOverride(Step.Build) is not null)
            return null;
        return pluginOf[part.Name].GetSourceFilter(contexts[part.Name], source.FullPath);
    }

    private bool OutputsExist(Part part, Step step, StepState state)
    {
        var dirs = contexts[part.Name].Directories;
        return step switch
        {
            Step.Pull => Directory.Exists(dirs.Src),
            Step.Build => Directory.Exists(dirs.Install),
            Step.Stage => state.Paths.All(p => FileTree.Exists(Path.Combine(dirs.Stage, p))),
            _ => state.Paths.All(p => FileTree.Exists(Path.Combine(dirs.Prime, p))),
        };
    }

    private async Task RunStepAsync(Part part, Step step, string hash, Session session, CancellationToken cancellationToken)
    {
        // The state goes first and comes back last: a step killed half-way leaves none, so it runs again.
        Invalidate(part, step);
        var context = contexts[part.Name];
        var dirs = context.Directories;
        var plugin = pluginOf[part.Name];
        Directory.CreateDirectory(dirs.Run);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = new StepState { Hash = hash };
        switch (step)
        {
            case Step.Pull:
            {
                FileTree.DeleteEntry(dirs.Src);
                FileTree.DeleteEntry(dirs.StagePackages);
                Directory.CreateDirectory(dirs.Src);
                IReadOnlyList<StagedPackage> packages = [];
                if (part.StagePackages.Count > 0)
                {
                    Directory.CreateDirectory(dirs.StagePackages);
                    packages = await session.Environment.StagePackagesAsync(part.StagePackages, dirs.StagePackages, cancellationToken).ConfigureAwait(false);
                }

                await RunActionAsync(part, step, () => SourceOf(part)?.Pull(dirs.Src), plugin.GetPullCommands(context), dirs.Src, dirs.Src, session, variables, cancellationToken).ConfigureAwait(false);
                state = state with { Packages = packages };
                break;
            }

            case Step.Build:
                FileTree.DeleteEntry(dirs.Build);
                FileTree.DeleteEntry(dirs.Install);
                Directory.CreateDirectory(dirs.Install);
                if (Directory.Exists(dirs.StagePackages)) FileTree.CopyTree(dirs.StagePackages, dirs.Install, link: true);
                FileTree.CopyTree(dirs.Src, dirs.Build, link: true);
                Directory.CreateDirectory(dirs.BuildWork);
                await RunActionAsync(part, step, () => { }, plugin.GetBuildCommands(context), dirs.Build, dirs.BuildWork, session, variables, cancellationToken).ConfigureAwait(false);
                new Organizer(part.Name, dirs.Install).Apply(part.Organize);
                break;

            case Step.Stage:
            case Step.Prime:
            {
                var target = step == Step.Stage ? dirs.Stage : dirs.Prime;
                Directory.CreateDirectory(target);
                var paths = new SortedSet<string>(StringComparer.Ordinal);
                var before = part.GetOverride(step) is null ? null : FileTree.Scan(target).Keys.ToHashSet(StringComparer.Ordinal);
                await RunActionAsync(part, step, () => paths.UnionWith(Migrate(part, step)), [], target, target, session, variables, cancellationToken).ConfigureAwait(false);
                if (before is not null)
                    paths.UnionWith(FileTree.Scan(target).Keys.Where(p => !before.Contains(p)));
                if (step == Step.Prime)
                {
                    plugin.AfterPrime(context, paths);
                    paths.RemoveWhere(p => FileTree.KindAt(Path.Combine(target, p)) is null);
                    state = state with { Permissions = PermissionsOf(part, paths) };
                }

                state = state with { Paths = paths.ToList() };
                break;
            }
        }

        store.Write(part.Name, step, state with { Variables = variables });
    }

    // Runs a step's built-in action and plugin commands, or the part's override scriptlet, where `craftctl default`
    // calls them.
    private async Task RunActionAsync(Part part, Step step, Action builtin, IReadOnlyList<string> pluginCommands,
        string scriptDirectory, string pluginDirectory, Session session, Dictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var script = part.GetOverride(step);
        if (script is null)
        {
            builtin();
            if (pluginCommands.Count > 0)
                await RunScriptAsync(part, step, "_cairn_default", pluginCommands, scriptDirectory, pluginDirectory, null, session, cancellationToken).ConfigureAwait(false);
            return;
        }

        var server = CraftCtlServer.Start(Path.Combine(contexts[part.Name].Directories.Run, "ctl"),
            args => Task.FromResult(HandleCraftCtl(part, step, args, builtin, session, variables)));
        try
        {
            await RunScriptAsync(part, step, script, pluginCommands, scriptDirectory, pluginDirectory, server, session, cancellationToken).ConfigureAwait(false);
        }
        catch (CairnException) when (server.Failure is not null)
        {
            // The script failed because a built-in action it called failed: that error says more.
        }
        finally
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (server.Failure is not null) throw server.Failure;
    }

    private string? HandleCraftCtl(Part part, Step step, string[] args, Action builtin, Session session, Dictionary<string, string> variables)
    {
        switch (args[0])
        {
            case "default" when args.Length == 1:
                builtin();
                return null;
            case "set" when args.Length > 1:
                if (options.AdoptInfoPart != part.Name)
                    throw PartsErrors.CraftCtl(part.Name, step, options.AdoptInfoPart is null
                        ? "'craftctl set' needs the project to name this part in 'adopt-info'"
                        : $"only the adopt-info part ('{options.AdoptInfoPart}') may set project variables");
                foreach (var assignment in args.Skip(1))
                {
                    var eq = assignment.IndexOf('=', StringComparison.Ordinal);
                    var key = eq < 0 ? assignment : assignment[..eq];
                    if (eq < 0 || key is not ("version" or "summary" or "description"))
                        throw PartsErrors.CraftCtl(part.Name, step, $"'{assignment}' is not version=..., summary=... or description=...");
                    variables[key] = session.Variables[key] = assignment[(eq + 1)..];
                }

                return null;
            case "get" when args.Length == 2:
                if (session.Variables.TryGetValue(args[1], out var value)) return value;
                return args[1] switch
                {
                    "version" => options.ProjectVersion ?? "",
                    "name" => options.ProjectName,
                    _ => throw PartsErrors.CraftCtl(part.Name, step, $"there is no project variable '{args[1]}'"),
                };
            default:
                throw PartsErrors.CraftCtl(part.Name, step, $"unknown command 'craftctl {string.Join(' ', args)}' (cairn knows default, set KEY=VALUE and get KEY)");
        }
    }

    private async Task RunScriptAsync(Part part, Step step, string body, IReadOnlyList<string> pluginCommands,
        string scriptDirectory, string pluginDirectory, CraftCtlServer? server, Session session, CancellationToken cancellationToken)
    {
        var dirs = contexts[part.Name].Directories;
        var environmentScript = WriteEnvironment(part, step, session);
        var name = step.ToString().ToLowerInvariant();
        var scriptPath = Path.Combine(dirs.Run, name + ".sh");
        var sb = new StringBuilder("#!/bin/bash\nset -euo pipefail\n");
        sb.Append("source ").Append(ShellWords.Quote(environmentScript)).Append('\n');
        sb.Append("_cairn_default() {\n  :\n");
        if (pluginCommands.Count > 0)
        {
            sb.Append("  pushd ").Append(ShellWords.Quote(pluginDirectory)).Append(" >/dev/null\n");
            foreach (var command in pluginCommands) sb.Append(command).Append('\n');
            sb.Append("  popd >/dev/null\n");
        }

        sb.Append("}\n");
        sb.Append(server?.ShellFunction() ?? "craftctl() { echo 'craftctl: only override scripts can call craftctl' >&2; return 1; }").Append('\n');
        sb.Append("set -x\n").Append(body).Append('\n');
        File.WriteAllText(scriptPath, sb.ToString());

        var log = Path.Combine(dirs.Run, name + ".log");
        File.Delete(log);
        var progress = session.Run.Progress;
        var result = await session.Environment.RunAsync(new SandboxCommand(["bash", scriptPath], scriptDirectory)
        {
            OnOutput = progress is null ? null : line => progress.Report(new LifecycleEvent(part.Name, step, LifecycleEventKind.Output, line)),
            LogFile = log,
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var what = part.GetOverride(step) is null ? $"the {part.Plugin} plugin's commands" : $"the override-{name} script";
            throw PartsErrors.StepFailed(part.Name, step, what, result.ExitCode, result.LastLines, log);
        }
    }

    private string WriteEnvironment(Part part, Step step, Session session)
    {
        var context = contexts[part.Name];
        Directory.CreateDirectory(context.Directories.Run);
        var path = Path.Combine(context.Directories.Run, "environment.sh");
        var version = session.Variables.GetValueOrDefault("version") ?? options.ProjectVersion;
        File.WriteAllText(path, StepEnvironment.Render(context, pluginOf[part.Name], step, version));
        return path;
    }

    private async Task OpenShellAsync(Part part, Step step, Session session, CancellationToken cancellationToken)
    {
        var dirs = contexts[part.Name].Directories;
        var directory = step switch
        {
            Step.Pull => dirs.Src,
            Step.Build => dirs.BuildWork,
            Step.Stage => dirs.Stage,
            _ => dirs.Prime,
        };
        Directory.CreateDirectory(directory);
        var environmentScript = WriteEnvironment(part, step, session);
        await session.Run.OpenShell!(new ShellRequest(part.Name, step, directory, environmentScript), cancellationToken).ConfigureAwait(false);
    }

    // Copies the part's selection from install to stage, or from stage to prime, refusing to replace another part's
    // different file.
    private SortedSet<string> Migrate(Part part, Step step)
    {
        var dirs = contexts[part.Name].Directories;
        string from, to;
        Dictionary<string, EntryKind> tree;
        SortedSet<string> selection;
        if (step == Step.Stage)
        {
            (from, to) = (dirs.Install, dirs.Stage);
            tree = FileTree.Scan(from);
            selection = new Fileset(part.Name, "stage", part.Stage).Select(tree);
        }
        else
        {
            (from, to) = (dirs.Stage, dirs.Prime);
            tree = new Dictionary<string, EntryKind>(StringComparer.Ordinal);
            foreach (var path in store.Read(part.Name, Step.Stage)?.Paths ?? [])
                if (FileTree.KindAt(Path.Combine(from, path)) is { } kind) tree[path] = kind;
            selection = new Fileset(part.Name, "prime", part.Prime).Select(tree, everythingWithoutIncludes: true);
        }

        var owners = OwnersExcept(part.Name, step);
        foreach (var rel in selection)
        {
            var kind = tree[rel];
            var target = Path.Combine(to, rel);
            var existing = FileTree.KindAt(target);
            if (existing is not null)
            {
                if (kind == EntryKind.Directory && existing == EntryKind.Directory) continue;
                if (owners.TryGetValue(rel, out var other))
                {
                    if (!FileTree.AreSame(Path.Combine(from, rel), target))
                        throw PartsErrors.StageConflict(part.Name, other, rel, step);
                    continue;
                }

                // Left over from a step that was killed before it recorded its files.
                FileTree.DeleteEntry(target);
            }

            FileTree.CopyEntry(from, to, rel, kind, link: true);
        }

        return selection;
    }

    private Dictionary<string, string> OwnersExcept(string part, Step step)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var other in Graph.Parts)
            if (other.Name != part)
                foreach (var path in store.Read(other.Name, step)?.Paths ?? [])
                    owners.TryAdd(path, other.Name);
        return owners;
    }

    // Removes the state of `from` and every later step of the part, and the files those stage and prime steps placed
    // (unless another part placed the same path).
    private void Invalidate(Part part, Step from)
    {
        var dirs = contexts[part.Name].Directories;
        for (var step = Step.Prime; step >= from; step--)
        {
            var state = store.Read(part.Name, step);
            if (state is not null && step is Step.Stage or Step.Prime)
            {
                var root = step == Step.Stage ? dirs.Stage : dirs.Prime;
                var owners = OwnersExcept(part.Name, step);
                foreach (var rel in state.Paths.OrderByDescending(p => p, StringComparer.Ordinal))
                {
                    if (owners.ContainsKey(rel)) continue;
                    var full = Path.Combine(root, rel);
                    switch (FileTree.KindAt(full))
                    {
                        case EntryKind.Directory:
                            if (!Directory.EnumerateFileSystemEntries(full).Any()) Directory.Delete(full);
                            break;
                        case null:
                            break;
                        default:
                            File.Delete(full);
                            break;
                    }
                }
            }

            if (state is not null || File.Exists(Path.Combine(dirs.State, step.ToString().ToLowerInvariant() + ".json")))
                store.Delete(part.Name, step);
        }
    }

    private static List<PathPermission> PermissionsOf(Part part, IEnumerable<string> paths)
    {
        var rules = part.Permissions.Select(r => (Rule: r, Pattern: PathPattern.FnMatch(r.Path))).ToList();
        var result = new List<PathPermission>();
        if (rules.Count == 0) return result;
        foreach (var path in paths)
        {
            int? owner = null, group = null, mode = null;
            foreach (var (rule, pattern) in rules)
            {
                if (!pattern.IsMatch(path)) continue;
                owner = rule.Owner ?? owner;
                group = rule.Group ?? group;
                mode = rule.Mode ?? mode;
            }

            if (owner is not null || group is not null || mode is not null)
                result.Add(new PathPermission(path, owner, group, mode));
        }

        return result;
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

    private sealed class Session(LifecycleRunOptions run, IBuildEnvironment environment)
    {
        public LifecycleRunOptions Run { get; } = run;

        public IBuildEnvironment Environment { get; } = environment;

        public Dictionary<(string, Step), string> Hashes { get; } = [];

        public List<StepOutcome> Outcomes { get; } = [];

        public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);
    }
}
