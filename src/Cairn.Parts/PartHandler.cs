using Cairn.Diagnostics;
using Cairn.Sandbox;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// Runs one step of one part (craft-parts' part handler): the step's built-in action (pull the source and the
/// stage-packages; build in a fresh copy; migrate to stage or prime) or the part's override scriptlet, the
/// plugin's commands in the generated script, then the step's state. And takes a step back (<see cref="Invalidate"/>).
/// </summary>
internal sealed class PartHandler(LifecycleOptions options, WorkLayout layout, StateStore store, Migrator migrator, StepScripts scripts)
{
    /// <summary>Runs the step of <paramref name="action"/> and records it with the action's input hashes.</summary>
    public async Task RunStepAsync(PreparedPart prepared, PlannedAction action, Execution execution, CancellationToken cancellationToken)
    {
        var step = action.Step;
        // The state goes first and comes back last: a step killed half-way leaves none, so it runs again.
        Invalidate(prepared, step);
        var part = prepared.Part;
        var context = prepared.Context;
        var dirs = prepared.Directories;
        var plugin = prepared.Plugin;
        Directory.CreateDirectory(dirs.Run);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = new StepState { Hash = action.Hash, Inputs = action.Inputs };
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
                        packages = await execution.Environment.StagePackagesAsync(part.StagePackages, dirs.StagePackages, cancellationToken).ConfigureAwait(false);
                    }

                    await RunActionAsync(prepared, step, () => prepared.Source?.Pull(dirs.Src), plugin.GetPullCommands(context), dirs.Src, dirs.Src, execution, variables, cancellationToken).ConfigureAwait(false);
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
                await RunActionAsync(prepared, step, () => { }, plugin.GetBuildCommands(context), dirs.Build, dirs.BuildWork, execution, variables, cancellationToken).ConfigureAwait(false);
                new Organizer(part.Name, dirs.Install).Apply(part.Organize);
                break;

            case Step.Stage:
            case Step.Prime:
                {
                    var target = step == Step.Stage ? dirs.Stage : dirs.Prime;
                    Directory.CreateDirectory(target);
                    var paths = new SortedSet<string>(StringComparer.Ordinal);
                    var before = part.GetOverride(step) is null ? null : FileTree.Scan(target).Keys.ToHashSet(StringComparer.Ordinal);
                    await RunActionAsync(prepared, step, () => paths.UnionWith(migrator.Migrate(prepared, step)), [], target, target, execution, variables, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Removes the state of <paramref name="from"/> and every later step of the part, and the files those stage and
    /// prime steps placed (unless another part placed the same path).
    /// </summary>
    public void Invalidate(PreparedPart prepared, Step from)
    {
        for (var step = Step.Prime; step >= from; step--)
        {
            var state = store.Read(prepared.Name, step);
            if (state is not null && step is Step.Stage or Step.Prime)
                migrator.Unmigrate(prepared, step, state);
            if (state is not null || store.Exists(prepared.Name, step))
                store.Delete(prepared.Name, step);
        }
    }

    // Runs a step's built-in action and plugin commands, or the part's override scriptlet, where `craftctl default`
    // calls them.
    private async Task RunActionAsync(PreparedPart prepared, Step step, Action builtin, IReadOnlyList<string> pluginCommands,
        string scriptDirectory, string pluginDirectory, Execution execution, Dictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var script = prepared.Part.GetOverride(step);
        if (script is null)
        {
            builtin();
            if (pluginCommands.Count > 0)
                await RunScriptAsync(prepared, step, "_cairn_default", pluginCommands, scriptDirectory, pluginDirectory, null, execution, cancellationToken).ConfigureAwait(false);
            return;
        }

        var handler = new CraftCtlHandler(options, prepared.Part, step, builtin, execution.Variables, variables);
        var server = CraftCtlServer.Start(layout.CraftCtlDirectory(prepared.Name), args => Task.FromResult(handler.Handle(args)));
        try
        {
            await RunScriptAsync(prepared, step, script, pluginCommands, scriptDirectory, pluginDirectory, server, execution, cancellationToken).ConfigureAwait(false);
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

    private async Task RunScriptAsync(PreparedPart prepared, Step step, string body, IReadOnlyList<string> pluginCommands,
        string scriptDirectory, string pluginDirectory, CraftCtlServer? server, Execution execution, CancellationToken cancellationToken)
    {
        var part = prepared.Part;
        var environmentScript = scripts.WriteEnvironment(prepared, step, execution.ProjectVersion);
        var scriptPath = scripts.WriteStepScript(prepared, step, environmentScript, body, pluginCommands, pluginDirectory, server);
        var log = layout.StepLog(part.Name, step.Name());
        File.Delete(log);
        var progress = execution.Run.Progress;
        var result = await execution.Environment.RunAsync(new SandboxCommand(["bash", scriptPath], scriptDirectory)
        {
            OnOutput = progress is null ? null : line => progress.Report(new LifecycleEvent(part.Name, step, LifecycleEventKind.Output, line)),
            LogFile = log,
        }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var what = part.GetOverride(step) is null ? $"the {part.Plugin} plugin's commands" : $"the override-{step.Name()} script";
            throw PartsErrors.StepFailed(part.Name, step, what, result.ExitCode, result.LastLines, log);
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
}
