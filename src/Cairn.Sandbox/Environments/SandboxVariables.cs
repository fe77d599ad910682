namespace Cairn.Sandbox.Environments;

/// <summary>The complete variable set a command in a build environment gets.</summary>
internal static class SandboxVariables
{
    /// <summary>The fixed set, then the caller's pass-through variables, then the command's own.</summary>
    public static IReadOnlyDictionary<string, string> For(string path, string home, PassThrough passThrough, IReadOnlyDictionary<string, string> command)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = path,
            ["HOME"] = home,
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in passThrough.Variables)
            variables[name] = value;
        foreach (var (name, value) in command)
            variables[name] = value;
        return variables;
    }
}
