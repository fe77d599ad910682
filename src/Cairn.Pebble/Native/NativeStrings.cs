using System.Runtime.InteropServices;
using System.Text;

namespace Cairn.Pebble.Native;

/// <summary>NUL-terminated UTF-8 strings and string arrays in unmanaged memory, freed together on dispose.</summary>
internal sealed unsafe class NativeStrings : IDisposable
{
    private readonly List<nint> allocations = [];

    /// <summary>A C string copy of <paramref name="value"/>.</summary>
    public byte* String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var p = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(p, bytes.Length));
        p[bytes.Length] = 0;
        allocations.Add((nint)p);
        return p;
    }

    /// <summary>A NULL-terminated array of C strings.</summary>
    public byte** Array(IReadOnlyList<string> values)
    {
        var p = (byte**)NativeMemory.Alloc((nuint)(values.Count + 1), (nuint)sizeof(nint));
        allocations.Add((nint)p);
        for (var i = 0; i < values.Count; i++) p[i] = String(values[i]);
        p[values.Count] = null;
        return p;
    }

    /// <summary>Zeroed scratch memory (for opaque libc structures).</summary>
    public void* Zeroed(int size)
    {
        var p = NativeMemory.AllocZeroed((nuint)size);
        allocations.Add((nint)p);
        return p;
    }

    public void Dispose()
    {
        foreach (var p in allocations) NativeMemory.Free((void*)p);
        allocations.Clear();
    }
}
