using System.Runtime.CompilerServices;
using Cairn.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Cairn.Project.Yaml;

/// <summary>
/// Loads one YAML document into YamlDotNet's node model, keeping every node's line and column. Malformed YAML
/// and duplicate mapping keys become diagnostics instead of exceptions; every duplicate key is reported.
/// </summary>
public static class YamlDocumentLoader
{
    /// <summary>Loads <paramref name="text"/>; on success the root node, otherwise null and the problems in <paramref name="diagnostics"/>.</summary>
    public static YamlNode? Load(string text, string file, ICollection<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        var last = new StrongBox<Mark>(Mark.Empty);
        try
        {
            FindDuplicateKeys(text, file, diagnostics, last);
        }
        catch (YamlException e)
        {
            diagnostics.Add(Malformed(e, file));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input instead of with a YamlException.
            diagnostics.Add(new Diagnostic(ProjectErrorCodes.MalformedYaml, "cannot parse YAML: the text after this point is not valid YAML",
                new SourceLocation(file, (int)last.Value!.Line, (int)last.Value.Column),
                "check the indentation, quoting and brackets on this line and the next ones"));
            return null;
        }

        if (diagnostics.Count > before)
            return null;

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Add(Malformed(e, file));
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet's node loader rejects some event sequences (stray document markers) this way.
            diagnostics.Add(new Diagnostic(ProjectErrorCodes.MalformedYaml, "cannot parse YAML: the file's structure is not valid YAML",
                new SourceLocation(file), "look for a stray '---' or '...' line, and check the indentation"));
            return null;
        }

        if (stream.Documents.Count == 0)
            return null;
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            diagnostics.Add(new Diagnostic(ProjectErrorCodes.MalformedYaml,
                "cannot parse YAML: the file holds more than one document",
                new SourceLocation(file, (int)second.Start.Line, (int)second.Start.Column), "remove the '---' separator and everything after it"));
            return null;
        }

        var root = stream.Documents[0].RootNode;
        YamlNodes.Remember(root);
        return root;
    }

    private static Diagnostic Malformed(YamlException e, string file)
    {
        // YamlDotNet's messages start with "(Line: .., Col: ..)"; the location already says that.
        var message = e.Message;
        var close = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        if (close >= 0)
            message = message[(close + 3)..];
        message = message.TrimEnd('.');
        if (message.Length > 0)
            message = char.ToLowerInvariant(message[0]) + message[1..];
        return new Diagnostic(ProjectErrorCodes.MalformedYaml, $"cannot parse YAML: {message}",
            new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column),
            "check the indentation and quoting on this line and the one before it");
    }

    /// <summary>Walks the event stream once, tracking the scalar keys seen in each open mapping.</summary>
    private static void FindDuplicateKeys(string text, string file, ICollection<Diagnostic> diagnostics, StrongBox<Mark> last)
    {
        var parser = new Parser(new StringReader(text));
        // Per open collection: for a mapping, the keys seen and whether the next node is a key.
        var stack = new Stack<MappingFrame?>();
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            last.Value = current.End;
            switch (current)
            {
                case MappingStart:
                    NoteNode(stack, null, file, diagnostics);
                    stack.Push(new MappingFrame());
                    break;
                case SequenceStart:
                    NoteNode(stack, null, file, diagnostics);
                    stack.Push(null);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    stack.Pop();
                    break;
                case Scalar scalar:
                    NoteNode(stack, scalar, file, diagnostics);
                    break;
                case AnchorAlias:
                    NoteNode(stack, null, file, diagnostics);
                    break;
            }
        }
    }

    private static void NoteNode(Stack<MappingFrame?> stack, Scalar? scalar, string file, ICollection<Diagnostic> diagnostics)
    {
        if (stack.Count == 0 || stack.Peek() is not { } frame)
            return;
        if (frame.ExpectKey && scalar is not null)
        {
            if (frame.Seen.TryGetValue(scalar.Value, out var first))
            {
                diagnostics.Add(new Diagnostic(ProjectErrorCodes.DuplicateKey,
                    $"cannot read key '{scalar.Value}': it is already set on line {first}",
                    new SourceLocation(file, (int)scalar.Start.Line, (int)scalar.Start.Column),
                    "keep one of the two entries"));
            }
            else
            {
                frame.Seen[scalar.Value] = (int)scalar.Start.Line;
            }
        }

        frame.ExpectKey = !frame.ExpectKey;
    }

    private sealed class MappingFrame
    {
        public Dictionary<string, int> Seen { get; } = new(StringComparer.Ordinal);

        public bool ExpectKey { get; set; } = true;
    }
}
