using Cairn.Project.Extensions.Flask;

namespace Cairn.Project.Extensions;

/// <summary>The extensions cairn knows, by name.</summary>
public static class ExtensionRegistry
{
    /// <summary>Every extension, sorted by name.</summary>
    public static IReadOnlyList<IProjectExtension> All { get; } = [new FlaskFramework()];

    /// <summary>The extension called <paramref name="name"/>, or null.</summary>
    public static IProjectExtension? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>
    /// The extension that added <paramref name="part"/> (its name is the part's prefix, as in
    /// <c>flask-framework/install-app</c>), or null for a user's own part.
    /// </summary>
    public static IProjectExtension? Owning(string part) =>
        part.LastIndexOf('/') is var slash and > 0 ? Find(part[..slash]) : null;
}
