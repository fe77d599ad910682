using System.Text;

namespace Cairn.Pebble.Plan;

/// <summary>
/// The order yaml.v3 writes the keys of a map in (upstream's plan holds services, checks and environments in Go maps):
/// runs of digits compare as numbers (<c>web9</c> before <c>web10</c>), and a character that is not a letter comes
/// before a letter (<c>Z_A</c> before <c>ZA</c>) unless digits precede it. Not ordinal order.
/// </summary>
public sealed class YamlKeyOrder : IComparer<string>
{
    public static readonly YamlKeyOrder Instance = new();

    public int Compare(string? x, string? y) => Less(x ?? "", y ?? "") ? -1 : Less(y ?? "", x ?? "") ? 1 : 0;

    private static bool Less(string x, string y)
    {
        var a = x.EnumerateRunes().ToArray();
        var b = y.EnumerateRunes().ToArray();
        var digits = false;
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i])
            {
                digits = Rune.IsDigit(a[i]);
                continue;
            }

            var aLetter = Rune.IsLetter(a[i]);
            var bLetter = Rune.IsLetter(b[i]);
            if (aLetter && bLetter) return a[i] < b[i];
            if (aLetter || bLetter) return digits ? aLetter : bLetter;

            // Neither is a letter: compare the numbers starting here. After a non-zero digit, zeros are part of a
            // number that is already under way, not leading zeros.
            long an = 0, bn = 0;
            if (a[i].Value == '0' || b[i].Value == '0')
            {
                for (var j = i - 1; j >= 0 && Rune.IsDigit(a[j]); j--)
                {
                    if (a[j].Value != '0')
                    {
                        an = bn = 1;
                        break;
                    }
                }
            }

            var ai = i;
            for (; ai < a.Length && Rune.IsDigit(a[ai]); ai++) an = an * 10 + a[ai].Value - '0';
            var bi = i;
            for (; bi < b.Length && Rune.IsDigit(b[bi]); bi++) bn = bn * 10 + b[bi].Value - '0';
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return a[i] < b[i];
        }

        return a.Length < b.Length;
    }
}
