namespace Cairn.Project.Validation;

/// <summary>The bases and build-bases cairn supports, and the Python each Ubuntu release carries.</summary>
public static class Bases
{
    /// <summary>No base system: the rock holds only what its parts stage. Needs a build-base.</summary>
    public const string Bare = "bare";

    /// <summary>Values of <c>base</c> cairn can build.</summary>
    public static readonly IReadOnlyList<string> Supported = ["bare", "ubuntu@22.04", "ubuntu@24.04"];

    /// <summary>Values of <c>build-base</c> cairn can build in.</summary>
    public static readonly IReadOnlyList<string> SupportedBuildBases = ["ubuntu@22.04", "ubuntu@24.04"];

    /// <summary>The python3.X of an Ubuntu release (<c>3.10</c> on 22.04, <c>3.12</c> on 24.04), or null.</summary>
    public static string? PythonVersion(string buildBase) => buildBase switch
    {
        "ubuntu@22.04" => "3.10",
        "ubuntu@24.04" => "3.12",
        _ => null,
    };
}
