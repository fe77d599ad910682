using Cairn.StatsdExporter.Ingest;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// The glob rules as a trie over name components, per event kind. With ordering (upstream's default) the matching rule
/// that comes first in the file wins; with <c>glob_disable_ordering</c> the search prefers a literal component over
/// <c>*</c> from left to right and the first complete match wins. Unlike upstream, a rule whose pattern is a prefix of
/// an earlier rule's pattern (<c>a.b</c> after <c>a.b.c</c>) still matches (upstream's trie misses it, a bug there).
/// </summary>
public sealed class GlobTrie
{
    private readonly Node _root = new();
    private readonly Search _search;

    /// <summary>Builds the trie from the glob rules of <paramref name="mappings"/> (indexes are positions in that list).</summary>
    public GlobTrie(IReadOnlyList<MetricMapping> mappings, bool ordered)
    {
        _search = new Search(ordered);
        for (var index = 0; index < mappings.Count; index++)
        {
            var mapping = mappings[index];
            if (mapping.GlobComponents is null)
                continue;
            var node = _root;
            foreach (var component in mapping.GlobComponents)
                node = component is null ? node.Wildcard ??= new Node() : node.Child(component);
            for (var kind = 0; kind < 3; kind++)
            {
                if (mapping.MatchMetricType is null || (int)mapping.MatchMetricType == kind)
                    node.RuleByKind[kind] = Math.Min(node.RuleByKind[kind], index);
            }
        }
    }

    /// <summary>
    /// The index of the winning rule for <paramref name="name"/>, or -1, and the texts the wildcards matched.
    /// Not thread-safe: the search state is reused between calls (the mapper belongs to the exporter loop).
    /// </summary>
    public int Match(string name, EventKind kind, out string[] captures)
    {
        var search = _search;
        search.Reset(name, (int)kind);
        var start = 0;
        while (true)
        {
            var dot = name.IndexOf('.', start);
            if (dot < 0)
            {
                search.Components.Add(new Range(start, name.Length));
                break;
            }

            search.Components.Add(new Range(start, dot));
            start = dot + 1;
        }

        search.Visit(_root, 0);
        if (search.Best == int.MaxValue)
        {
            captures = [];
            return -1;
        }

        captures = new string[search.BestCaptures.Count];
        for (var i = 0; i < captures.Length; i++)
            captures[i] = name[search.BestCaptures[i]];
        return search.Best;
    }

    private sealed class Node
    {
        private Dictionary<string, Node>? _children;

        public Node? Wildcard { get; set; }

        public int[] RuleByKind { get; } = [int.MaxValue, int.MaxValue, int.MaxValue];

        public Node Child(string component)
        {
            _children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!_children.TryGetValue(component, out var child))
                _children[component] = child = new Node();
            return child;
        }

        public Node? Find(ReadOnlySpan<char> component) =>
            _children is not null && _children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(component, out var child) ? child : null;
    }

    private sealed class Search(bool ordered)
    {
        private readonly List<Range> _captures = [];
        private string _name = "";
        private int _kind;

        public List<Range> Components { get; } = [];

        public int Best { get; private set; } = int.MaxValue;

        public List<Range> BestCaptures { get; } = [];

        public void Reset(string name, int kind)
        {
            _name = name;
            _kind = kind;
            Components.Clear();
            _captures.Clear();
            BestCaptures.Clear();
            Best = int.MaxValue;
        }

        /// <summary>Depth-first, literal child before wildcard; returns true when the search may stop.</summary>
        public bool Visit(Node node, int depth)
        {
            if (depth == Components.Count)
            {
                var rule = node.RuleByKind[_kind];
                if (rule < Best)
                {
                    Best = rule;
                    BestCaptures.Clear();
                    BestCaptures.AddRange(_captures);
                }

                return !ordered && Best != int.MaxValue;
            }

            var literal = node.Find(_name.AsSpan()[Components[depth]]);
            if (literal is not null && Visit(literal, depth + 1))
                return true;
            if (node.Wildcard is null)
                return false;
            _captures.Add(Components[depth]);
            var stop = Visit(node.Wildcard, depth + 1);
            _captures.RemoveAt(_captures.Count - 1);
            return stop;
        }
    }
}
