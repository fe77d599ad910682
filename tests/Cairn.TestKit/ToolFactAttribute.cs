using Xunit;

namespace Cairn.TestKit;

/// <summary>
/// A fact that needs external tools (podman, mmdebstrap, bwrap, ...). On a developer machine without them
/// it is skipped with the reason; in CI (<c>CI=true</c> or <c>CAIRN_REQUIRE_TOOLS=1</c>) it runs anyway and so
/// fails, because CI must never go green by skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !Tools.IsOnPath(t)).ToArray();
        if (missing.Length > 0 && !Tools.AreRequired)
            Skip = $"needs {string.Join(", ", missing)} on PATH (run scripts/setup); in CI this test fails instead";
    }
}

/// <summary>A theory with the same rule as <see cref="ToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ToolTheoryAttribute : TheoryAttribute
{
    public ToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => !Tools.IsOnPath(t)).ToArray();
        if (missing.Length > 0 && !Tools.AreRequired)
            Skip = $"needs {string.Join(", ", missing)} on PATH (run scripts/setup); in CI this test fails instead";
    }
}
