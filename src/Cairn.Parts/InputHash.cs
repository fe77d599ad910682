using System.Security.Cryptography;
using System.Text;

namespace Cairn.Parts;

/// <summary>Accumulates a step's inputs as labelled fields and hashes them (SHA-256, hex).</summary>
internal sealed class InputHash
{
    // Bump when the meaning of a step changes, so every part is redone once after an upgrade.
    private const string Format = "cairn-parts-2"; // 2: stage-packages lose base-files' merged-/usr links
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public InputHash(Step step)
    {
        Add("format", Format);
        Add("step", step.ToString());
    }

    public InputHash Add(string label, string? value)
    {
        // Length-prefixed so that ("ab","c") and ("a","bc") differ.
        var bytes = Encoding.UTF8.GetBytes(label + "=" + (value ?? "\u0000null"));
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
        return this;
    }

    public InputHash Add(string label, IEnumerable<string> values)
    {
        var list = values.ToList();
        Add(label + "#", list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var v in list) Add(label, v);
        return this;
    }

    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());
}
