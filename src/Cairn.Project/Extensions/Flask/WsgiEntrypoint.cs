using Cairn.Project.Validation;

namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// Finds the WSGI application of a Flask project by reading its Python files (never running them): first a
/// module-level <c>app</c> or <c>application</c> in the candidate files in order, then a <c>create_app</c> or
/// <c>make_app</c> factory. When one file binds both names, <c>app</c> wins, so the result never varies.
/// </summary>
public static class WsgiEntrypoint
{
    private static readonly string[] Variables = ["app", "application"];
    private static readonly string[] Factories = ["create_app", "make_app"];

    /// <summary>The directories searched after the top-level files: app, src and the project's package (when its name is valid).</summary>
    public static IReadOnlyList<string> Directories(string projectName)
    {
        // Without a valid name there is no package directory: an empty one would make "/app.py" a candidate,
        // a file at the root of the machine's file system.
        if (!ProjectReader.IsValidName(projectName))
            return ["app", "src"];
        return new[] { "app", "src", projectName.Replace('-', '_').ToLowerInvariant() }.Distinct().ToList();
    }

    /// <summary>The files searched, relative to the project directory, in order.</summary>
    public static IReadOnlyList<string> Candidates(string projectName)
    {
        var result = new List<string> { "app.py", "main.py" };
        foreach (var dir in Directories(projectName))
            result.AddRange(new[] { "__init__.py", "app.py", "main.py" }.Select(f => $"{dir}/{f}"));
        return result;
    }

    /// <summary>
    /// The entrypoint (<c>module:variable</c> or <c>module:factory()</c>), or null when none was found. A file that
    /// does not parse stops the search and is reported through <paramref name="error"/> with its relative path.
    /// </summary>
    public static string? Find(string projectDirectory, string projectName, out (string File, PythonSyntaxError Error)? error)
    {
        error = null;
        var modules = new List<(string File, PythonModule Module)>();
        foreach (var file in Candidates(projectName))
        {
            var path = Path.Combine(projectDirectory, file);
            if (!File.Exists(path))
                continue;
            var (module, syntaxError) = PythonModule.Parse(ProjectFiles.Read(path, file));
            if (syntaxError is not null)
            {
                error = (file, syntaxError);
                return null;
            }

            // Files after the one that defines the app are not read, so a broken one there does not matter.
            if (Variables.FirstOrDefault(module!.Bindings.Contains) is { } variable)
                return $"{ModuleName(file)}:{variable}";
            modules.Add((file, module));
        }

        foreach (var (file, module) in modules)
        {
            if (Factories.FirstOrDefault(module.Functions.Contains) is { } factory)
                return $"{ModuleName(file)}:{factory}()";
        }

        return null;
    }

    /// <summary>The dotted module of a file: <c>app.py</c> -> <c>app</c>, <c>src/main.py</c> -> <c>src.main</c>, <c>app/__init__.py</c> -> <c>app</c>.</summary>
    public static string ModuleName(string relativeFile)
    {
        var parts = relativeFile.Split('/').ToList();
        parts[^1] = Path.GetFileNameWithoutExtension(parts[^1]);
        if (parts[^1] == "__init__")
            parts.RemoveAt(parts.Count - 1);
        return string.Join('.', parts);
    }
}
