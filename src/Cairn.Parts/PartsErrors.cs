using Cairn.Diagnostics;

namespace Cairn.Parts;

/// <summary>The errors the lifecycle engine reports (codes CAIRN30xx, listed in docs/errors.md).</summary>
public static class PartsErrors
{
    internal static CairnException UnknownAfter(string part, string missing) => CairnException.User(PartsErrorCodes.UnknownAfter,
        $"cannot order parts: part '{part}' is after '{missing}', which is not a part of this project",
        "check the spelling in the part's 'after' list");

    internal static CairnException Cycle(IEnumerable<string> parts) => CairnException.User(PartsErrorCodes.Cycle,
        $"cannot order parts: 'after' forms a cycle between {string.Join(", ", parts.Select(p => $"'{p}'"))}",
        "remove one of the 'after' entries so that the parts can build one after another");

    internal static CairnException UnknownPart(string part, IEnumerable<string> known) => CairnException.User(PartsErrorCodes.UnknownPart,
        $"cannot run the lifecycle for part '{part}': the project has no such part",
        $"the parts are: {string.Join(", ", known)}");

    internal static CairnException UnknownPlugin(string part, string plugin, IEnumerable<string> known) => CairnException.User(PartsErrorCodes.UnknownPlugin,
        $"cannot use plugin '{plugin}' for part '{part}': no such plugin",
        $"the plugins are: {string.Join(", ", known)}");

    /// <summary>A plugin rejects a part's properties.</summary>
    public static CairnException InvalidPluginProperty(string part, string plugin, string why) => CairnException.User(PartsErrorCodes.InvalidPluginProperty,
        $"cannot use plugin '{plugin}' for part '{part}': {why}");

    internal static CairnException BadSource(string part, string why, string? hint = null) => CairnException.User(PartsErrorCodes.BadSource,
        $"cannot pull part '{part}': {why}", hint);

    internal static CairnException StepFailed(string part, Step step, string what, int exitCode, IReadOnlyList<string> lastLines, string log) =>
        CairnException.User(PartsErrorCodes.StepFailed,
            $"cannot {step.Name()} part '{part}': {what} exited with status {exitCode}",
            (lastLines.Count > 0 ? "the last lines of output:\n" + string.Join('\n', lastLines.Select(l => "    " + l)) + "\n" : "")
            + $"the full log is {log}");

    internal static CairnException StageConflict(string part, string other, string path, Step step) => CairnException.User(PartsErrorCodes.StageConflict,
        $"cannot {step.Name()} part '{part}': parts '{other}' and '{part}' list the same file '{path}' with different contents or permissions",
        "leave the file out of one part's stage fileset (\"-" + path + "\") or make both parts produce the same file");

    internal static CairnException Organize(string part, string why) => CairnException.User(PartsErrorCodes.Organize,
        $"cannot organize part '{part}': {why}");

    internal static CairnException BadFileset(string part, string key, string entry, string why) => CairnException.User(PartsErrorCodes.BadFileset,
        $"cannot use the {key} fileset of part '{part}': entry '{entry}' {why}");

    internal static CairnException CraftCtl(string part, Step step, string why) => CairnException.User(PartsErrorCodes.CraftCtl,
        $"cannot run craftctl in the {step.Name()} step of part '{part}': {why}");

    internal static CairnException BadPermission(string part, string why) => CairnException.User(PartsErrorCodes.BadPermission,
        $"cannot use the permissions of part '{part}': {why}");
}
