using System.Text;

namespace Mlops.Cli.Tests.Hints;

/// <summary>Reads the string literals of a C# source file (regular, verbatim, raw and interpolated), skipping comments and char literals.</summary>
public static class CSharpStringLiterals
{
    /// <summary>The text an interpolation hole <c>{expr}</c> reads as: something no option or key pattern matches.</summary>
    public const string Hole = "<expr>";

    /// <summary>Every literal of <paramref name="source"/> as decoded text with the source line of each character; literals nested in holes come separately.</summary>
    public static IReadOnlyList<(string Text, int[] Lines)> Read(string source)
    {
        var reader = new Reader(source);
        reader.ReadCode(stopAtBrace: false);
        return reader.Literals;
    }

    private sealed class Reader(string source)
    {
        private int _pos;
        private int _line = 1;

        public List<(string Text, int[] Lines)> Literals { get; } = [];

        private char At(int offset) => _pos + offset < source.Length ? source[_pos + offset] : '\0';

        private void Advance(int count = 1)
        {
            for (var i = 0; i < count && _pos < source.Length; i++, _pos++)
                if (source[_pos] == '\n') _line++;
        }

        /// <summary>Code until the end (or, inside an interpolation hole, until its closing brace at depth 0).</summary>
        public void ReadCode(bool stopAtBrace)
        {
            var depth = 0;
            while (_pos < source.Length)
            {
                var c = At(0);
                if (c == '/' && At(1) == '/')
                {
                    while (_pos < source.Length && At(0) != '\n') Advance();
                }
                else if (c == '/' && At(1) == '*')
                {
                    Advance(2);
                    while (_pos < source.Length && !(At(0) == '*' && At(1) == '/')) Advance();
                    Advance(2);
                }
                else if (c == '\'')
                {
                    Advance();
                    while (_pos < source.Length && At(0) != '\'') Advance(At(0) == '\\' ? 2 : 1);
                    Advance();
                }
                else if (StartsLiteral(out var dollars, out var verbatim, out var quotes))
                {
                    ReadLiteral(dollars, verbatim, quotes);
                }
                else if (c == '{')
                {
                    depth++;
                    Advance();
                }
                else if (c == '}')
                {
                    if (stopAtBrace && depth == 0) return;
                    depth--;
                    Advance();
                }
                else
                {
                    Advance();
                }
            }
        }

        private bool StartsLiteral(out int dollars, out bool verbatim, out int quotes)
        {
            var i = 0;
            dollars = 0;
            verbatim = false;
            while (At(i) is '$' or '@')
            {
                if (At(i) == '$') dollars++;
                else verbatim = true;
                i++;
            }
            quotes = 0;
            while (At(i + quotes) == '"') quotes++;
            if (quotes == 0) return false;
            if (quotes == 2 || verbatim) quotes = 1; // "" is an empty string; a verbatim string's "" is an escaped quote
            Advance(i);
            return true;
        }

        private void ReadLiteral(int dollars, bool verbatim, int quotes)
        {
            var text = new StringBuilder();
            var lines = new List<int>();
            void Add(string s)
            {
                text.Append(s);
                for (var i = 0; i < s.Length; i++) lines.Add(_line);
            }

            if (quotes >= 3)
            {
                Advance(quotes);
                var closing = new string('"', quotes);
                while (_pos < source.Length && string.CompareOrdinal(source, _pos, closing, 0, quotes) != 0)
                {
                    if (dollars > 0 && At(0) == '{' && source.AsSpan(_pos).StartsWith(new string('{', dollars)))
                    {
                        Advance(dollars);
                        Add(Hole);
                        ReadCode(stopAtBrace: true);
                        Advance(dollars);
                        continue;
                    }
                    Add(At(0).ToString());
                    Advance();
                }
                Advance(quotes);
                Literals.Add((text.ToString(), [.. lines, _line]));
                return;
            }

            Advance(); // opening quote
            while (_pos < source.Length)
            {
                var c = At(0);
                if (c == '"')
                {
                    if (verbatim && At(1) == '"')
                    {
                        Add("\"");
                        Advance(2);
                        continue;
                    }
                    Advance();
                    break;
                }
                if (!verbatim && c == '\\')
                {
                    Add(At(1) switch { 'n' => "\n", 't' => "\t", 'r' => "", var e => e.ToString() });
                    Advance(2);
                    continue;
                }
                if (dollars > 0 && c == '{')
                {
                    if (At(1) == '{')
                    {
                        Add("{");
                        Advance(2);
                        continue;
                    }
                    Advance();
                    Add(Hole);
                    ReadCode(stopAtBrace: true);
                    Advance(); // closing brace
                    continue;
                }
                if (dollars > 0 && c == '}' && At(1) == '}')
                {
                    Add("}");
                    Advance(2);
                    continue;
                }
                Add(c.ToString());
                Advance();
            }
            Literals.Add((text.ToString(), [.. lines, _line]));
        }
    }
}
