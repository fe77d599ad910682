using System.Text;

namespace Cairn.Pebble.Plan;

/// <summary>
/// Shell-like word splitting as upstream's <c>strutil/shlex</c> does it (no expansion, nothing run), and the
/// quoting Pebble uses when it writes a command back out.
/// </summary>
public static class Shlex
{
    /// <summary>
    /// Splits <paramref name="text"/> into words: whitespace separates; <c>'...'</c> is literal; in <c>"..."</c>
    /// and outside quotes a backslash makes the next character literal; <c>#</c> starting a word comments out
    /// the rest of the line. Throws <see cref="FormatException"/> for an unterminated quote or trailing backslash.
    /// </summary>
    public static List<string> Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!inWord && IsSpace(c))
            {
                i++;
                continue;
            }

            if (!inWord && c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }

            if (IsSpace(c))
            {
                words.Add(word.ToString());
                word.Clear();
                inWord = false;
                i++;
                continue;
            }

            inWord = true;
            switch (c)
            {
                case '\\':
                    if (i + 1 >= text.Length) throw new FormatException("EOF found after escape character");
                    word.Append(text[i + 1]);
                    i += 2;
                    break;
                case '\'':
                    {
                        var end = text.IndexOf('\'', i + 1);
                        if (end < 0) throw new FormatException("EOF found when expecting closing quote");
                        word.Append(text, i + 1, end - i - 1);
                        i = end + 1;
                        break;
                    }

                case '"':
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) throw new FormatException("EOF found when expecting closing quote");
                        if (text[i] == '"')
                        {
                            i++;
                            break;
                        }

                        if (text[i] == '\\')
                        {
                            if (i + 1 >= text.Length) throw new FormatException("EOF found when expecting closing quote");
                            word.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }

                        word.Append(text[i++]);
                    }

                    break;
                default:
                    word.Append(c);
                    i++;
                    break;
            }
        }

        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Quotes one word only when needed: empty gives <c>''</c>, unsafe characters wrap it in single quotes.</summary>
    public static string Quote(string word)
    {
        if (word.Length == 0) return "''";
        if (word.All(IsSafe)) return word;
        return "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }

    /// <summary>Joins words with single spaces, quoting each as <see cref="Quote"/> does.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || "_@%+=:,./-".Contains(c);
}
