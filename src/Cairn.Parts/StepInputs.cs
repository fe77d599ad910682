namespace Cairn.Parts;

/// <summary>
/// The hash of what a step of a part depends on (docs/parts.md, "State and incremental builds"). Each step's hash
/// includes the one before it, and a build includes the stage hash of each part it is <c>after</c>, so a change
/// reaches every later step and every dependant. Nothing here runs or writes anything.
/// </summary>
internal sealed class StepInputs(LifecycleOptions options)
{
    /// <summary>The step's input hash, and a hash of each of its inputs by label (see <see cref="Describe"/>).</summary>
    /// <param name="previous">The hash of the part's step before, or null for pull.</param>
    /// <param name="afterHashes">For build: <c>part=stage hash</c> of each part this one is after.</param>
    public (string Hash, IReadOnlyDictionary<string, string> Fields) Of(PreparedPart prepared, Step step, string? previous, IReadOnlyList<string> afterHashes)
    {
        var part = prepared.Part;
        var context = prepared.Context;
        var plugin = prepared.Plugin;
        var hash = new InputHash(step).Add("previous", previous).Add("override", part.GetOverride(step));
        switch (step)
        {
            case Step.Pull:
                hash.Add("plugin", part.Plugin).Add("source", part.Source).Add("source-type", part.SourceType).Add("source-subdir", part.SourceSubdir)
                    .Add("stage-packages", part.StagePackages).Add("base", options.Base).Add("build-base", options.EffectiveBuildBase)
                    .Add("build-for", options.BuildFor).Add("pull-commands", plugin.GetPullCommands(context))
                    .Add("source-content", prepared.Source?.Fingerprint(SourceFilter(prepared)));
                // Only where they matter, and only when set, so that a part without stage-packages keeps its hash.
                if (part.StagePackages.Count > 0 && options.PullInputs.Count > 0)
                    hash.Add("stage-packages-inputs", options.PullInputs.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value));
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

    /// <summary>How a plan names an input label that changed: the rockcraft.yaml key where there is one.</summary>
    public static string Describe(string label, Step step) => label switch
    {
        "previous" => $"the {(step - 1).Name()} step",
        "override" => $"override-{step.Name()}",
        "source-content" => "source files",
        "properties" => "plugin properties",
        "after" => "a part it is after",
        "build-inputs" => "PIP_* settings",
        "stage-packages-inputs" => "the chisel release (CAIRN_CHISEL_RELEASE)",
        "format" => "cairn's step format",
        _ => label,
    };

    // A version bump must not reinstall every venv: the project's name and version count only for a part whose
    // scriptlets or build-environment refer to them.
    private static bool MentionsProjectVariable(Part part, string variable) =>
        part.Overrides.Values.Any(s => s.Contains(variable, StringComparison.Ordinal))
        || part.BuildEnvironment.Any(e => e.Value.Contains(variable, StringComparison.Ordinal));

    // Only the files the build reads count, unless a scriptlet (which may read anything) runs at pull or build.
    private static Func<string, bool>? SourceFilter(PreparedPart prepared)
    {
        var part = prepared.Part;
        var source = prepared.Source;
        if (source is null || source.Kind != "local" || part.GetOverride(Step.Pull) is not null || part.GetOverride(Step.Build) is not null)
            return null;
        return prepared.Plugin.GetSourceFilter(prepared.Context, source.FullPath);
    }
}
