namespace Cairn.StatsdExporter.Metrics;

/// <summary>
/// A targeted-quantile estimator (Cormode, Korn, Muthukrishnan, Srivastava, "Effective Computation of Biased Quantiles
/// over Data Streams", the algorithm client_golang's summaries use through beorn7/perks). Samples are buffered; while
/// nothing has been merged yet a query is exact nearest-rank over the buffer, afterwards it reads the compressed list
/// whose rank error is bounded per objective.
/// </summary>
public sealed class QuantileStream
{
    private readonly (double Quantile, double Error)[] _targets;
    private readonly int _bufferCapacity;
    private double[] _buffer;
    private int _buffered;
    private readonly List<Sample> _samples = [];
    private double _n;

    /// <summary>Creates a stream for the given objectives, buffering <paramref name="bufferCapacity"/> samples between merges.</summary>
    public QuantileStream(IEnumerable<(double Quantile, double Error)> targets, int bufferCapacity = 500)
    {
        _targets = targets.ToArray();
        _bufferCapacity = bufferCapacity;
        // The buffer grows on demand: most series see a handful of observations per window, and a full
        // buffer per age bucket per series would cost kilobytes each.
        _buffer = new double[Math.Min(bufferCapacity, 4)];
    }

    /// <summary>Observations held (buffered and merged).</summary>
    public long Count => _buffered + (long)_n;

    /// <summary>Adds one observation.</summary>
    public void Insert(double value)
    {
        if (_buffered == _buffer.Length)
            Array.Resize(ref _buffer, Math.Min(_bufferCapacity, _buffer.Length * 2));
        _buffer[_buffered++] = value;
        if (_buffered == _bufferCapacity)
            Flush();
    }

    /// <summary>The estimate of quantile <paramref name="q"/>; 0 when empty.</summary>
    public double Query(double q)
    {
        if (_samples.Count == 0)
        {
            // Nothing merged yet: exact nearest rank over the buffer.
            if (_buffered == 0)
                return 0;
            Array.Sort(_buffer, 0, _buffered);
            var i = (int)Math.Ceiling(_buffered * q);
            if (i > 0)
                i--;
            return _buffer[Math.Min(i, _buffered - 1)];
        }

        Flush();
        var t = Math.Ceiling(q * _n);
        t += Math.Ceiling(Invariant(t) / 2);
        var previous = _samples[0];
        double r = 0;
        for (var k = 1; k < _samples.Count; k++)
        {
            var c = _samples[k];
            r += previous.Width;
            if (r + c.Width + c.Delta > t)
                return previous.Value;
            previous = c;
        }

        return previous.Value;
    }

    /// <summary>Forgets every observation.</summary>
    public void Reset()
    {
        _samples.Clear();
        _n = 0;
        _buffered = 0;
    }

    private void Flush()
    {
        if (_buffered == 0)
            return;
        Array.Sort(_buffer, 0, _buffered);
        Merge();
        _buffered = 0;
        Compress();
    }

    /// <summary>The allowed rank error at rank <paramref name="r"/>: the tightest over all targets.</summary>
    private double Invariant(double r)
    {
        var m = double.MaxValue;
        foreach (var (quantile, error) in _targets)
        {
            var f = quantile * _n <= r ? 2 * error * r / quantile : 2 * error * (_n - r) / (1 - quantile);
            if (f < m)
                m = f;
        }

        return m;
    }

    private void Merge()
    {
        double r = 0;
        var i = 0;
        for (var b = 0; b < _buffered; b++)
        {
            var value = _buffer[b];
            var inserted = false;
            for (; i < _samples.Count; i++)
            {
                var c = _samples[i];
                if (c.Value > value)
                {
                    _samples.Insert(i, new Sample(value, 1, Math.Max(0, Math.Floor(Invariant(r)) - 1)));
                    i++;
                    inserted = true;
                    break;
                }

                r += c.Width;
            }

            if (!inserted)
            {
                _samples.Add(new Sample(value, 1, 0));
                i++;
            }

            _n += 1;
            r += 1;
        }
    }

    private void Compress()
    {
        if (_samples.Count < 2)
            return;
        var x = _samples[^1];
        var xi = _samples.Count - 1;
        var r = _n - 1 - x.Width;
        for (var i = _samples.Count - 2; i >= 0; i--)
        {
            var c = _samples[i];
            if (c.Width + x.Width + x.Delta <= Invariant(r))
            {
                x = x with { Width = x.Width + c.Width };
                _samples[xi] = x;
                _samples.RemoveAt(i);
                xi--;
            }
            else
            {
                x = c;
                xi = i;
            }

            r -= c.Width;
        }
    }

    private readonly record struct Sample(double Value, double Width, double Delta);
}
