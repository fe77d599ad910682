using System.Security.Cryptography;
using System.Text;
using Cairn.Sandbox.Caching;

namespace Cairn.Build;

/// <summary>
/// Where a project's build happens: parts, stage, prime, the lifecycle state and the image blobs. Kept in the
/// cache rather than in the project, so the project directory stays clean and the app's own files never include
/// the build's output. One directory per project directory; what lies where in it is <see cref="WorkLayout"/>'s.
/// </summary>
public sealed record ProjectWork(string Directory)
{
    /// <summary>The work directory of the project at <paramref name="projectDirectory"/> in <paramref name="cache"/>.</summary>
    public static ProjectWork For(CacheLayout cache, string projectName, string projectDirectory)
    {
        var full = Path.GetFullPath(projectDirectory).TrimEnd('/');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        return new ProjectWork(Path.Combine(cache.Projects, $"{projectName}-{hash}"));
    }

    /// <summary>Where each thing lives in the work directory.</summary>
    public WorkLayout Layout => new(Directory);

    /// <summary><see cref="WorkLayout.Provided"/>.</summary>
    public string Provided => Layout.Provided;

    /// <summary><see cref="WorkLayout.Blobs"/>.</summary>
    public string Blobs => Layout.Blobs;
}
