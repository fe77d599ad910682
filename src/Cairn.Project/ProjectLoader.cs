using Cairn.Diagnostics;
using Cairn.Project.Extensions;
using Cairn.Project.Validation;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project;

/// <summary>
/// Turns a project directory into a validated, extension-expanded project: reads rockcraft.yaml with
/// positions, checks the user's document, applies the extensions it lists (sorted by name), and checks the
/// result. Throws a <see cref="CairnException"/> (user error) holding every problem found at a stage.
/// </summary>
public static class ProjectLoader
{
    /// <summary>The project file's name.</summary>
    public const string FileName = "rockcraft.yaml";

    /// <summary>Loads the project in <paramref name="projectDirectory"/>.</summary>
    /// <param name="projectDirectory">The directory holding rockcraft.yaml (and the files extensions read).</param>
    /// <param name="displayDirectory">How messages name that directory (for example as the user typed it); the file name alone when null.</param>
    public static LoadedProject Load(string projectDirectory, string? displayDirectory = null)
    {
        var path = Path.Combine(projectDirectory, FileName);
        var display = string.IsNullOrEmpty(displayDirectory) || displayDirectory == "." ? FileName : Path.Combine(displayDirectory, FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CairnException.User(ProjectErrorCodes.MissingProjectFile, $"cannot find {display}: there is no project file here",
                "run 'cairn init --profile flask-framework' to create one, or pass --project-dir");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CairnException.User(ProjectErrorCodes.MissingProjectFile, $"cannot read {display}: {e.Message}");
        }

        return LoadText(text, projectDirectory, display);
    }

    /// <summary>Loads project text as if it were <paramref name="display"/> in <paramref name="projectDirectory"/> (for tests and tools).</summary>
    public static LoadedProject LoadText(string text, string projectDirectory, string display)
    {
        var problems = new ProblemList(display);
        var diagnostics = new List<Diagnostic>();
        var root = YamlDocumentLoader.Load(text, display, diagnostics);
        foreach (var d in diagnostics)
            problems.Add(d);
        problems.ThrowIfAny();
        if (root is null)
            throw CairnException.User(ProjectErrorCodes.MissingKey, $"cannot read {display}: the file is empty", "run 'cairn init' for a starting point",
                new SourceLocation(display));

        var reader = new ProjectReader(problems);
        var hasExtensions = root is YamlMappingNode map && YamlNodes.Get(map, "extensions") is not null;
        if (!hasExtensions)
        {
            var plain = reader.Read(root, requireAll: true);
            problems.ThrowIfAny();
            return new LoadedProject(plain!, Hyphenate((YamlMappingNode)root), projectDirectory);
        }

        var user = reader.Read(root, requireAll: false);
        problems.ThrowIfAny();
        var document = Hyphenate((YamlMappingNode)root);

        // An extension whose own checks fail still returns the document it could make, so the user's parts,
        // services and missing keys are reported together with its problems; only when no extension could run
        // at all (unknown name, unsupported base) is there nothing further to check.
        var expanded = ApplyExtensions(document, user!, projectDirectory, problems);
        if (expanded is null)
            problems.ThrowIfAny();

        var project = reader.Read(expanded!, requireAll: true);
        problems.ThrowIfAny();
        return new LoadedProject(project!, expanded!, projectDirectory);
    }

    /// <summary>The document with every declared extension applied, or null when they cannot be applied.</summary>
    private static YamlMappingNode? ApplyExtensions(YamlMappingNode document, Model.RockProject user, string projectDirectory, ProblemList problems)
    {
        if (YamlNodes.Get(document, "extensions") is not YamlSequenceNode list)
            return document;
        if (list.Children.Count == 0)
        {
            problems.Add(ProjectErrorCodes.UnknownExtension, list, "cannot read 'extensions': the list is empty", "remove the key, or list 'flask-framework'");
            return null;
        }

        var declared = new List<(IProjectExtension Extension, YamlNode Node)>();
        foreach (var item in list.Children.OfType<YamlScalarNode>())
        {
            var name = item.Value ?? "";
            if (ExtensionRegistry.Find(name) is not { } extension)
            {
                problems.Add(ProjectErrorCodes.UnknownExtension, item, $"cannot use extension '{name}': there is no such extension",
                    Suggestions.Hint(name, ExtensionRegistry.All.Select(e => e.Name)) ?? $"extensions: {string.Join(", ", ExtensionRegistry.All.Select(e => e.Name))} (see 'cairn list-extensions')");
                continue;
            }

            // Without a base there is nothing to compare (as upstream, which skips the check): the missing key is
            // reported with the expanded project's other problems.
            if (user.Base.Length > 0 && !extension.SupportedBases.Contains(user.Base))
            {
                problems.Add(ProjectErrorCodes.UnsupportedBase, YamlNodes.Get(document, "base") ?? item,
                    $"cannot use extension '{name}' with base '{user.Base}': it supports {string.Join(", ", extension.SupportedBases)}");
                continue;
            }

            if (declared.All(d => d.Extension != extension))
                declared.Add((extension, item));
        }

        if (problems.Count > 0)
            return null;
        // Upstream applies extensions in name order, whatever order the file lists them in.
        foreach (var (extension, node) in declared.OrderBy(d => d.Extension.Name, StringComparer.Ordinal))
            document = extension.Apply(document, new ExtensionContext(user, projectDirectory, problems, node));
        return document;
    }

    /// <summary>A copy of the document whose top-level keys use hyphens (upstream accepts run_user for run-user).</summary>
    private static YamlMappingNode Hyphenate(YamlMappingNode root)
    {
        var copy = YamlNodes.KeepPosition(new YamlMappingNode(), root);
        foreach (var (k, v) in root.Children)
        {
            var key = k is YamlScalarNode { Value: { } s } && s.Contains('_') ? YamlNodes.Plain(s.Replace('_', '-')) : k;
            copy.Children[key] = v;
        }

        return copy;
    }
}
