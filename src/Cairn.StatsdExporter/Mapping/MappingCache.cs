using Cairn.StatsdExporter.Ingest;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Mapping;

/// <summary>
/// Remembers mapping results per (event kind, StatsD name), bounded by <c>--statsd.cache-size</c>, evicting the least
/// recently used entry (<c>lru</c>) or a random one (<c>random</c>). Used by one thread (the exporter loop).
/// </summary>
public sealed class MappingCache
{
    private readonly int _capacity;
    private readonly bool _random;
    private readonly ExporterTelemetry _telemetry;
    private readonly Dictionary<(EventKind, string), LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _order = new();
    private readonly List<(EventKind, string)> _keys = [];
    private readonly Random _rng = new(0);

    /// <summary>Creates a cache of <paramref name="capacity"/> entries (must be positive).</summary>
    public MappingCache(int capacity, bool random, ExporterTelemetry telemetry)
    {
        _capacity = capacity;
        _random = random;
        _telemetry = telemetry;
    }

    /// <summary>The number of cached results.</summary>
    public int Count => _entries.Count;

    /// <summary>Looks up a result; counts gets and hits as upstream's LRU cache does.</summary>
    public bool TryGet(EventKind kind, string name, out MappingResult result)
    {
        _telemetry.CacheGets.Increment();
        if (_entries.TryGetValue((kind, name), out var node))
        {
            _telemetry.CacheHits.Increment();
            if (!_random)
            {
                _order.Remove(node);
                _order.AddFirst(node);
            }

            result = node.Value.Result;
            return true;
        }

        result = null!;
        return false;
    }

    /// <summary>Stores a result, evicting one when full.</summary>
    public void Add(EventKind kind, string name, MappingResult result)
    {
        var key = (kind, name);
        if (_entries.ContainsKey(key))
            return;
        if (_entries.Count >= _capacity)
            Evict();
        var node = _order.AddFirst(new Entry(key, result, _keys.Count));
        _entries[key] = node;
        _keys.Add(key);
        _telemetry.CacheLength.Set(_entries.Count);
    }

    /// <summary>Forgets everything (after a reload).</summary>
    public void Clear()
    {
        _entries.Clear();
        _order.Clear();
        _keys.Clear();
        _telemetry.CacheLength.Set(0);
    }

    private void Evict()
    {
        var victim = _random ? _entries[_keys[_rng.Next(_keys.Count)]] : _order.Last!;
        _order.Remove(victim);
        _entries.Remove(victim.Value.Key);
        // Keep the key list dense: move the last key into the victim's slot.
        var slot = victim.Value.Slot;
        var last = _keys[^1];
        _keys[slot] = last;
        _keys.RemoveAt(_keys.Count - 1);
        if (slot < _keys.Count)
        {
            var moved = _entries[last];
            moved.Value = moved.Value with { Slot = slot };
        }
    }

    private sealed record Entry((EventKind, string) Key, MappingResult Result, int Slot);
}
