namespace Cairn.Sandbox.Caching;

/// <summary>
/// The build directories of projects (<c>projects/&lt;name&gt;-&lt;hash&gt;/</c>: parts, stage, prime, image blobs) as the
/// cache sees them: each names the project directory it builds, in a file touched at every use, so that
/// <c>cairn cache</c> lists them and prunes those unused for long or whose project directory is gone.
/// </summary>
public static class ProjectBuilds
{
    /// <summary>Records that <paramref name="buildDirectory"/> builds <paramref name="projectDirectory"/>, and that it is used now.</summary>
    public static void Touch(string buildDirectory, string projectDirectory, TimeProvider clock)
    {
        var file = new WorkLayout(buildDirectory).ProjectFile;
        if (ProjectOf(buildDirectory) != projectDirectory)
            File.WriteAllText(file, projectDirectory);
        File.SetLastWriteTimeUtc(file, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The project directory <paramref name="buildDirectory"/> builds, or null when it does not say (an older cairn made it).</summary>
    public static string? ProjectOf(string buildDirectory)
    {
        try
        {
            return File.ReadAllText(new WorkLayout(buildDirectory).ProjectFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>What <c>cairn cache list</c> shows of a build directory.</summary>
    internal static CacheEntryInfo Describe(string buildDirectory)
    {
        var project = ProjectOf(buildDirectory);
        var marker = new WorkLayout(buildDirectory).ProjectFile;
        var lastUsed = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : Directory.GetLastWriteTimeUtc(buildDirectory);
        var gone = project is not null && !Directory.Exists(project);
        var description = project is null ? "build of a project an older cairn made" : gone ? $"build of {project} (gone)" : $"build of {project}";
        return new CacheEntryInfo("project", Path.GetFileName(buildDirectory), description, FileTree.Size(buildDirectory),
            new DateTimeOffset(lastUsed, TimeSpan.Zero), buildDirectory)
        { ProjectGone = gone };
    }
}
