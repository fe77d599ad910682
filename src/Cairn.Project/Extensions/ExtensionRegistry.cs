using Cairn.Project.Extensions.Flask;

namespace Cairn.Project.Extensions;

/// <summary>The extensions cairn knows, by name.</summary>
public static class ExtensionRegistry
{
    /// <summary>Every extension, sorted by name.</summary>
    public static IReadOnlyList<IProjectExtension> All { get; } = [new FlaskFramework()];

    /// <summary>The extension called <paramref name="name"/>, or null.</summary>
    public static IProjectExtension? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
