using System.Text;

namespace Cairn.TestKit;

/// <summary>
/// A text writer that one thread may read while others write, for capturing a daemon's log in a test.
/// <c>TextWriter.Synchronized</c> over a <see cref="StringWriter"/> is not enough: it locks the writes but not
/// <c>ToString</c>, which then reads the builder while it grows (ArgumentOutOfRangeException, or a torn line).
/// </summary>
public sealed class SharedWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate) _text.Append(buffer, index, count);
    }

    /// <summary>Everything written so far, as one consistent snapshot.</summary>
    public override string ToString()
    {
        lock (_gate) return _text.ToString();
    }
}
