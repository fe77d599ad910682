using System.Text;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>
/// Writes the scripts a step runs, under the part's <c>run</c> directory: <c>environment.sh</c> (the step's
/// variables, <see cref="StepEnvironment"/>) and <c>&lt;step&gt;.sh</c>, which sources it, defines
/// <c>_cairn_default</c> (the plugin's commands) and <c>craftctl</c>, then runs the step's body with <c>set -x</c>.
/// </summary>
internal sealed class StepScripts(WorkLayout layout)
{
    /// <summary>Writes the part's <c>environment.sh</c> for <paramref name="step"/>; returns its path.</summary>
    public string WriteEnvironment(PreparedPart part, Step step, string? projectVersion)
    {
        Directory.CreateDirectory(part.Directories.Run);
        var path = layout.EnvironmentScript(part.Name);
        File.WriteAllText(path, StepEnvironment.Render(part.Context, part.Plugin, step, projectVersion));
        return path;
    }

    /// <summary>
    /// Writes <c>&lt;step&gt;.sh</c>; returns its path. <paramref name="body"/> is the override scriptlet, or
    /// <c>_cairn_default</c> when the step has none; <paramref name="craftCtl"/> is null when nothing answers craftctl.
    /// </summary>
    public string WriteStepScript(PreparedPart part, Step step, string environmentScript, string body,
        IReadOnlyList<string> pluginCommands, string pluginDirectory, CraftCtlServer? craftCtl)
    {
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
        sb.Append(craftCtl?.ShellFunction() ?? "craftctl() { echo 'craftctl: only override scripts can call craftctl' >&2; return 1; }").Append('\n');
        sb.Append("set -x\n").Append(body).Append('\n');
        var path = layout.StepScript(part.Name, step.Name());
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
