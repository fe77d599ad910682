using Cairn.Diagnostics;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Validation;

/// <summary>Collects the problems of one file, each located at a YAML node, so all of them are reported at once.</summary>
public sealed class ProblemList
{
    private readonly List<Diagnostic> items = [];

    /// <param name="file">The path shown in messages (as the user gave it).</param>
    public ProblemList(string file)
    {
        File = file;
    }

    /// <summary>The path shown in messages.</summary>
    public string File { get; }

    /// <summary>The problems so far, in the order found.</summary>
    public IReadOnlyList<Diagnostic> Items => items;

    /// <summary>How many problems there are.</summary>
    public int Count => items.Count;

    /// <summary>Adds a problem at <paramref name="node"/> (or at the file when the node is null or generated).</summary>
    public void Add(string code, YamlNode? node, string message, string? hint = null) =>
        items.Add(new Diagnostic(code, message, node is null ? new SourceLocation(File) : YamlNodes.LocationOf(node, File), hint));

    /// <summary>Adds a ready diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => items.Add(diagnostic);

    /// <summary>Throws a user-error <see cref="CairnException"/> holding every problem, when there is any.</summary>
    public void ThrowIfAny()
    {
        // In file order, so the report reads top to bottom (OrderBy is stable for problems on one line).
        if (items.Count > 0)
            throw new CairnException(FailureKind.User, items.OrderBy(d => d.Location?.File == File ? 0 : 1)
                .ThenBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0).ToArray());
    }
}
