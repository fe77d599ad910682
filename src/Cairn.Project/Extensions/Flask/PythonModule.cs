using System.Text;

namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// What the extension needs to know about a Python module without running Python: the names bound at module
/// level by plain assignment or <c>from ... import</c>, and the module-level (non-async) functions. It tokenizes
/// the source (strings, comments, brackets, indentation) and reports the syntax errors a tokenizer can see:
/// unterminated strings, unbalanced brackets, bad indentation.
/// </summary>
public sealed class PythonModule
{
    private PythonModule(IReadOnlyList<string> bindings, IReadOnlyList<string> functions)
    {
        Bindings = bindings;
        Functions = functions;
    }

    /// <summary>Names bound at module level, in source order (duplicates kept once).</summary>
    public IReadOnlyList<string> Bindings { get; }

    /// <summary>Names of module-level <c>def</c> functions, in source order.</summary>
    public IReadOnlyList<string> Functions { get; }

    /// <summary>Reads <paramref name="source"/>; the module, or the first syntax error.</summary>
    public static (PythonModule? Module, PythonSyntaxError? Error) Parse(string source)
    {
        var lines = new List<LogicalLine>();
        var error = new Tokenizer(source.ReplaceLineEndings("\n"), lines).Run();
        if (error is not null)
            return (null, error);

        var bindings = new List<string>();
        var functions = new List<string>();
        foreach (var line in lines.Where(l => l.Indent == 0))
        {
            foreach (var statement in Split(line.Tokens, ";"))
                Inspect(statement, bindings, functions);
        }

        return (new PythonModule(bindings.Distinct().ToList(), functions.Distinct().ToList()), null);
    }

    private static void Inspect(List<Token> statement, List<string> bindings, List<string> functions)
    {
        if (statement.Count == 0)
            return;
        var first = statement[0];
        if (first.Kind == TokenKind.Name && first.Text == "def" && statement.Count > 1 && statement[1].Kind == TokenKind.Name)
        {
            functions.Add(statement[1].Text);
            return;
        }

        if (first.Kind == TokenKind.Name && first.Text == "from")
        {
            var import = statement.FindIndex(t => t.Kind == TokenKind.Name && t.Text == "import");
            if (import < 0)
                return;
            var names = statement.Skip(import + 1).Where(t => t.Text is not "(" and not ")").ToList();
            foreach (var item in Split(names, ","))
            {
                // "name" or "name as alias": the bound name is the last one.
                if (item.Count == 1 && item[0].Kind == TokenKind.Name)
                    bindings.Add(item[0].Text);
                else if (item.Count == 3 && item[1].Text == "as" && item[2].Kind == TokenKind.Name)
                    bindings.Add(item[2].Text);
            }

            return;
        }

        // Plain assignment: every target before the last '=' that is a bare name binds it (a = b = value).
        var parts = Split(statement, "=");
        if (parts.Count < 2 || IsKeyword(first))
            return;
        foreach (var target in parts.Take(parts.Count - 1))
        {
            if (target.Count == 1 && target[0].Kind == TokenKind.Name && !IsKeyword(target[0]))
                bindings.Add(target[0].Text);
        }
    }

    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
        "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ];

    private static bool IsKeyword(Token token) => token.Kind == TokenKind.Name && Keywords.Contains(token.Text);

    /// <summary>Splits tokens at a separator operator that is outside any brackets.</summary>
    private static List<List<Token>> Split(List<Token> tokens, string separator)
    {
        var result = new List<List<Token>> { new() };
        var depth = 0;
        foreach (var t in tokens)
        {
            if (t.Kind == TokenKind.Op && t.Text is "(" or "[" or "{") depth++;
            if (t.Kind == TokenKind.Op && t.Text is ")" or "]" or "}") depth--;
            if (depth == 0 && t.Kind == TokenKind.Op && t.Text == separator)
                result.Add([]);
            else
                result[^1].Add(t);
        }

        return result;
    }

    private enum TokenKind
    {
        Name,
        Op,
        Literal,
    }

    private sealed record Token(TokenKind Kind, string Text);

    private sealed record LogicalLine(int Indent, List<Token> Tokens);

    /// <summary>Python's tokenizer rules, reduced to what finds statements and syntax errors.</summary>
    private sealed class Tokenizer(string text, List<LogicalLine> lines)
    {
        private static readonly string[] Operators =
        [
            "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&=",
            "|=", "^=", "@=", "**", "//", "<<", ">>",
        ];

        private readonly Stack<(char Open, int Line, int Column)> brackets = new();
        private readonly Stack<int> indents = new([0]);
        private int pos;
        private int line = 1;
        private int lineStart;
        private List<Token> current = [];
        private int currentIndent;
        private bool atLineStart = true;
        private bool previousEndedWithColon;

        private int Column => pos - lineStart + 1;

        public PythonSyntaxError? Run()
        {
            while (pos < text.Length)
            {
                if (atLineStart && brackets.Count == 0)
                {
                    if (StartLine() is { } indentError)
                        return indentError;
                    if (pos >= text.Length)
                        break;
                }

                var c = text[pos];
                if (c == '\n')
                {
                    NewLine();
                    continue;
                }

                if (c is ' ' or '\t' or '\f')
                {
                    pos++;
                    continue;
                }

                if (c == '#')
                {
                    while (pos < text.Length && text[pos] != '\n') pos++;
                    continue;
                }

                if (c == '\\' && pos + 1 < text.Length && text[pos + 1] == '\n')
                {
                    pos += 2;
                    line++;
                    lineStart = pos;
                    continue;
                }

                if (IsStringStart(out var prefixLength))
                {
                    if (ReadString(prefixLength) is { } stringError)
                        return stringError;
                    continue;
                }

                if (char.IsLetter(c) || c == '_' || c > 127)
                {
                    var start = pos;
                    while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_' || text[pos] > 127)) pos++;
                    current.Add(new Token(TokenKind.Name, text[start..pos]));
                    continue;
                }

                if (char.IsDigit(c) || (c == '.' && pos + 1 < text.Length && char.IsDigit(text[pos + 1])))
                {
                    var start = pos;
                    while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] is '.' or '_'
                        || (text[pos] is '+' or '-' && text[pos - 1] is 'e' or 'E'))) pos++;
                    current.Add(new Token(TokenKind.Literal, text[start..pos]));
                    continue;
                }

                if (c is '(' or '[' or '{')
                {
                    brackets.Push((c, line, Column));
                    current.Add(new Token(TokenKind.Op, c.ToString()));
                    pos++;
                    continue;
                }

                if (c is ')' or ']' or '}')
                {
                    var open = c switch { ')' => '(', ']' => '[', _ => '{' };
                    if (brackets.Count == 0)
                        return new PythonSyntaxError($"unmatched '{c}'", line, Column);
                    if (brackets.Peek().Open != open)
                        return new PythonSyntaxError($"closing parenthesis '{c}' does not match opening parenthesis '{brackets.Peek().Open}'", line, Column);
                    brackets.Pop();
                    current.Add(new Token(TokenKind.Op, c.ToString()));
                    pos++;
                    continue;
                }

                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, pos, o, 0, o.Length) == 0);
                if (op is not null)
                {
                    current.Add(new Token(TokenKind.Op, op));
                    pos += op.Length;
                    continue;
                }

                if ("+-*/%@&|^~<>=.,:;!".Contains(c))
                {
                    current.Add(new Token(TokenKind.Op, c.ToString()));
                    pos++;
                    continue;
                }

                return new PythonSyntaxError($"invalid character '{c}' (U+{(int)c:X4})", line, Column);
            }

            if (brackets.Count > 0)
            {
                var (open, openLine, openColumn) = brackets.Peek();
                return new PythonSyntaxError($"'{open}' was never closed", openLine, openColumn);
            }

            FinishLogicalLine();
            return previousEndedWithColon ? new PythonSyntaxError("expected an indented block", line, 1) : null;
        }

        /// <summary>Measures the indentation of a new physical line that starts a logical line.</summary>
        private PythonSyntaxError? StartLine()
        {
            var width = 0;
            var start = pos;
            while (pos < text.Length && text[pos] is ' ' or '\t' or '\f')
            {
                width = text[pos] == '\t' ? (width / 8 + 1) * 8 : width + 1;
                pos++;
            }

            // Blank and comment-only lines do not count for indentation.
            if (pos >= text.Length || text[pos] is '\n' or '#')
                return null;
            atLineStart = false;
            currentIndent = width;
            if (width > indents.Peek())
            {
                if (!previousEndedWithColon)
                    return new PythonSyntaxError("unexpected indent", line, pos - start + 1);
                indents.Push(width);
            }
            else
            {
                if (previousEndedWithColon)
                    return new PythonSyntaxError("expected an indented block", line, pos - start + 1);
                while (width < indents.Peek()) indents.Pop();
                if (width != indents.Peek())
                    return new PythonSyntaxError("unindent does not match any outer indentation level", line, pos - start + 1);
            }

            return null;
        }

        private void NewLine()
        {
            pos++;
            if (brackets.Count == 0)
            {
                FinishLogicalLine();
                atLineStart = true;
            }

            line++;
            lineStart = pos;
        }

        private void FinishLogicalLine()
        {
            if (current.Count == 0)
                return;
            previousEndedWithColon = current[^1] is { Kind: TokenKind.Op, Text: ":" };
            lines.Add(new LogicalLine(indents.Count == 1 ? 0 : currentIndent, current));
            current = [];
        }

        private bool IsStringStart(out int prefixLength)
        {
            prefixLength = 0;
            while (pos + prefixLength < text.Length && prefixLength < 2 && "rRbBuUfF".Contains(text[pos + prefixLength]))
                prefixLength++;
            return pos + prefixLength < text.Length && text[pos + prefixLength] is '"' or '\''
                && (prefixLength == 0 || pos == 0 || !(char.IsLetterOrDigit(text[pos - 1]) || text[pos - 1] == '_'));
        }

        private PythonSyntaxError? ReadString(int prefixLength)
        {
            var startLine = line;
            var startColumn = Column;
            var raw = text.AsSpan(pos, prefixLength).ToString().Contains('r', StringComparison.OrdinalIgnoreCase);
            pos += prefixLength;
            var quote = text[pos];
            var triple = pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote;
            pos += triple ? 3 : 1;
            var sb = new StringBuilder();
            while (true)
            {
                if (pos >= text.Length)
                {
                    return triple
                        ? new PythonSyntaxError($"unterminated triple-quoted string literal (detected at line {line})", startLine, startColumn)
                        : new PythonSyntaxError($"unterminated string literal (detected at line {startLine})", startLine, startColumn);
                }

                var c = text[pos];
                if (c == '\\' && pos + 1 < text.Length)
                {
                    if (text[pos + 1] == '\n')
                    {
                        line++;
                        lineStart = pos + 2;
                    }

                    if (!raw)
                        sb.Append(text[pos + 1]);
                    pos += 2;
                    continue;
                }

                if (c == '\n')
                {
                    if (!triple)
                        return new PythonSyntaxError($"unterminated string literal (detected at line {startLine})", startLine, startColumn);
                    line++;
                    lineStart = pos + 1;
                }

                if (c == quote && (!triple || (pos + 2 < text.Length && text[pos + 1] == quote && text[pos + 2] == quote)))
                {
                    pos += triple ? 3 : 1;
                    current.Add(new Token(TokenKind.Literal, sb.ToString()));
                    return null;
                }

                sb.Append(c);
                pos++;
            }
        }
    }
}
