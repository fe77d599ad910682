using Cairn.Diagnostics;
using Cairn.Files;
using Cairn.Project.Validation;

namespace Cairn.Project.Init;

/// <summary>Writes a starter rockcraft.yaml from a profile's template; never overwrites a file.</summary>
public static class ProjectInitializer
{
    /// <summary>The name used when the directory's own name is not a valid project name.</summary>
    public const string FallbackName = "my-rock-name";

    /// <summary>The profiles, sorted.</summary>
    public static IReadOnlyList<string> Profiles { get; } = ["flask-framework", "simple"];

    /// <summary>The profile used when none is given.</summary>
    public const string DefaultProfile = "simple";

    /// <summary>
    /// Writes rockcraft.yaml into <paramref name="projectDirectory"/> and returns its path. The name defaults to the
    /// directory's name (or <see cref="FallbackName"/> when that is not a valid name); an explicit invalid name is an error.
    /// </summary>
    public static string Initialise(string projectDirectory, string? name, string? profile)
    {
        profile ??= DefaultProfile;
        if (!Profiles.Contains(profile))
        {
            throw CairnException.User(ProjectErrorCodes.UnknownProfile, $"cannot use profile '{profile}': there is no such profile",
                $"profiles: {string.Join(", ", Profiles)}");
        }

        if (name is not null && !ProjectReader.IsValidName(name))
            throw CairnException.User(ProjectErrorCodes.InvalidName, $"cannot use name '{name}': {ProjectReader.NameRules}", "for example --name my-flask-app");
        if (name is null)
        {
            var directoryName = Path.GetFileName(Path.GetFullPath(projectDirectory).TrimEnd('/'));
            name = ProjectReader.IsValidName(directoryName) ? directoryName : FallbackName;
        }

        var path = Path.Combine(projectDirectory, ProjectLoader.FileName);
        if (File.Exists(path))
        {
            throw CairnException.User(ProjectErrorCodes.InitFileExists, $"cannot write {ProjectLoader.FileName}: the file already exists",
                "cairn init never overwrites a file; remove it first to start again");
        }

        var text = Template(profile).Replace("{{name}}", name, StringComparison.Ordinal);
        Directory.CreateDirectory(projectDirectory);
        // Atomic, and without replacing a file that appeared meanwhile: write a temp file, then move without overwrite.
        try
        {
            AtomicFile.Write(path, text, replace: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw CairnException.User(ProjectErrorCodes.InitFileExists, $"cannot write {ProjectLoader.FileName}: the file already exists",
                "cairn init never overwrites a file; remove it first to start again");
        }

        return path;
    }

    /// <summary>The template text of <paramref name="profile"/> (with <c>{{name}}</c> placeholders).</summary>
    public static string Template(string profile)
    {
        using var stream = typeof(ProjectInitializer).Assembly.GetManifestResourceStream($"Cairn.Project.Init.{profile}.yaml")
            ?? throw new InvalidOperationException($"internal error: cannot find the template of profile {profile}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
