using Cairn.Diagnostics;
using Cairn.Files;
using Cairn.Parts;
using Cairn.Project.Extensions;
using Cairn.Project.Extensions.Flask;
using Cairn.Project.Model;
using ProjectPart = Cairn.Project.Model.PartDefinition;

namespace Cairn.Build;

/// <summary>
/// Maps the project's parts onto the lifecycle engine's input, adds the pebble part, and turns the sources
/// that name files cairn carries (<c>$CAIRN_PAYLOAD/...</c>, <c>$CAIRN_EXTENSION_DATA/...</c>) into local
/// directories under the work directory.
/// </summary>
public static class ProjectParts
{
    public static IReadOnlyList<Parts.Part> For(RockProject project, Payload payload, ProjectWork work)
    {
        var parts = new List<Parts.Part>();
        foreach (var part in project.Parts)
        {
            if (part.Name == PebblePart.Name)
            {
                throw CairnException.User(BuildErrorCodes.UnsupportedPartFeature,
                    "cannot use a part named 'pebble': cairn adds that part to every rock itself",
                    "rename the part");
            }

            parts.Add(Map(part, payload, work));
        }

        parts.Add(PebblePart.For(project.BuildBaseName, Provide(work, "pebble", [(Payload.Pebble, payload.PebblePath)])));
        return parts;
    }

    private static Parts.Part Map(ProjectPart part, Payload payload, ProjectWork work)
    {
        Unsupported(part, "stage-snaps", part.StageSnaps.Count > 0, "stage the files with stage-packages or a dump part");
        Unsupported(part, "build-snaps", part.BuildSnaps.Count > 0, "use build-packages");
        Unsupported(part, "overlay", part.OverlayPackages.Count > 0, "stage the packages with stage-packages");

        var (source, sourceType) = ResolveSource(part, payload, work);
        var overrides = new Dictionary<Step, string>();
        if (part.OverridePull is not null) overrides[Step.Pull] = part.OverridePull;
        if (part.OverrideBuild is not null) overrides[Step.Build] = part.OverrideBuild;
        if (part.OverrideStage is not null) overrides[Step.Stage] = part.OverrideStage;
        if (part.OverridePrime is not null) overrides[Step.Prime] = part.OverridePrime;

        return new Parts.Part
        {
            Name = part.Name,
            // craft-parts' rule: a part without a plugin is built by the plugin named like the part.
            Plugin = part.Plugin ?? part.Name,
            Source = source,
            SourceType = sourceType,
            SourceSubdir = part.SourceOptions.GetValueOrDefault("source-subdir"),
            After = part.After,
            StagePackages = part.StagePackages,
            BuildPackages = part.BuildPackages,
            Stage = part.Stage,
            Prime = part.Prime,
            Organize = part.Organize,
            Permissions = [.. part.Permissions.Select(p => new PermissionRule(p.Path, p.Owner, p.Group, p.Mode))],
            Overrides = overrides,
            BuildEnvironment = [.. part.BuildEnvironment.Select(v => new KeyValuePair<string, string>(v.Name, v.Value ?? ""))],
            PluginProperties = [.. part.PluginProperties.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value switch
            {
                IReadOnlyList<string> list => list,
                string text => [text],
                var other => [other.ToString() ?? ""],
            }))],
        };
    }

    private static (string? Source, string? Type) ResolveSource(ProjectPart part, Payload payload, ProjectWork work)
    {
        var source = part.Source;
        if (source == PayloadSources.StatsdExporter)
            return (Provide(work, "statsd-exporter", [(Payload.StatsdExporter, payload.StatsdExporterPath)]), "local");
        if (source == PayloadSources.FlaskFrameworkData)
            return (ProvideText(work, "flask-framework", FlaskFrameworkData.Files), "local");
        if (source is not null && (source.StartsWith(PayloadSources.PayloadVariable, StringComparison.Ordinal)
            || source.StartsWith(PayloadSources.ExtensionDataVariable, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"internal error: part '{part.Name}' names cairn's files '{source}', which cairn does not provide");
        }

        return (source, part.SourceType);
    }

    private static void Unsupported(ProjectPart part, string key, bool used, string hint)
    {
        if (used)
            throw CairnException.User(BuildErrorCodes.UnsupportedPartFeature, $"cannot build part '{part.Name}': cairn does not support '{key}' yet", hint);
    }

    /// <summary>A directory under the work directory holding copies of cairn's files, refreshed only when they changed.</summary>
    private static string Provide(ProjectWork work, string name, IEnumerable<(string Name, string From)> files)
    {
        var directory = Path.Combine(work.Provided, name);
        Directory.CreateDirectory(directory);
        foreach (var (file, from) in files)
        {
            var target = Path.Combine(directory, file);
            // The mode counts too: a copy that lost pebble's executable bit must be made again.
            if (File.Exists(target) && File.GetUnixFileMode(target) == File.GetUnixFileMode(from) && FilesEqual(target, from)) continue;
            AtomicFile.Copy(from, target);
        }

        return directory;
    }

    private static string ProvideText(ProjectWork work, string name, IEnumerable<KeyValuePair<string, string>> files)
    {
        var directory = Path.Combine(work.Provided, name);
        Directory.CreateDirectory(directory);
        foreach (var (file, text) in files)
        {
            var target = Path.Combine(directory, file);
            if (File.Exists(target) && File.ReadAllText(target) == text) continue;
            AtomicFile.Write(target, text);
        }

        return directory;
    }

    private static bool FilesEqual(string a, string b)
    {
        var infoA = new FileInfo(a);
        var infoB = new FileInfo(b);
        return infoA.Length == infoB.Length && File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }
}
