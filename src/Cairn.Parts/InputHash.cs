using System.Security.Cryptography;
using System.Text;

namespace Cairn.Parts;

/// <summary>
/// Accumulates a step's inputs as labelled fields and hashes them (SHA-256, hex): all of them together (what the
/// state compares) and each label on its own (what a plan names when the whole differs).
/// </summary>
internal sealed class InputHash
{
    // Bump when the meaning of a step changes, so every part is redone once after an upgrade.
    // 2: stage-packages lose base-files' merged-/usr links; 3: a pull records each staged package's control and licence.
    private const string Format = "cairn-parts-3";
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Dictionary<string, IncrementalHash> fields = new(StringComparer.Ordinal);

    public InputHash(Step step)
    {
        Add("format", Format);
        Add("step", step.ToString());
    }

    public InputHash Add(string label, string? value)
    {
        // Length-prefixed so that ("ab","c") and ("a","bc") differ.
        var bytes = Encoding.UTF8.GetBytes(label + "=" + (value ?? "\u0000null"));
        var field = label.TrimEnd('#');
        if (!fields.TryGetValue(field, out var fieldHash))
            fields[field] = fieldHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var target in new[] { hash, fieldHash })
        {
            target.AppendData(BitConverter.GetBytes(bytes.Length));
            target.AppendData(bytes);
        }

        return this;
    }

    public InputHash Add(string label, IEnumerable<string> values)
    {
        var list = values.ToList();
        Add(label + "#", list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var v in list) Add(label, v);
        return this;
    }

    /// <summary>The hash of every input, and a shorter hash of each label's (sorted by label).</summary>
    public (string Hash, IReadOnlyDictionary<string, string> Fields) Finish()
    {
        var perField = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (label, fieldHash) in fields)
        {
            using (fieldHash)
                perField[label] = Convert.ToHexStringLower(fieldHash.GetHashAndReset())[..16];
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), perField);
    }
}
