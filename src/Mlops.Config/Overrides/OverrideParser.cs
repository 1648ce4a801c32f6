using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mlops.Config.Tree;

namespace Mlops.Config.Overrides;

/// <summary>
/// Parses command-line overrides in Hydra's grammar (hydra/grammar/OverrideParser.g4), hand-written because
/// Hydra's parser is ANTLR-generated Python and no .NET package implements the grammar:
/// <code>
/// override := ['~' | '+' | '++'] key ['=' value]      key   := name ('.' name | '/' name)*
/// value    := element | element (',' element)+ | sweep | tag(log, sweep)
/// sweep    := range(start, stop[, step]) | choice(element, ...) | interval(low, high)
/// element  := primitive | '[' element, ... ']' | '{' key: element, ... '}' | 'quoted' | "quoted"
/// </code>
/// Unlike Hydra, a primitive is everything up to the next <c>, ] }</c> at the top level (with <c>${...}</c> kept whole),
/// so values with <c>* % @ #</c> or non-ASCII text need no quotes; <c>\</c> escapes one character.
/// Errors point a caret at the column that failed.
/// </summary>
public sealed partial class OverrideParser
{
    private readonly string _text;
    private readonly SourceLocation _source;
    private int _pos;

    private OverrideParser(string text)
    {
        _text = text;
        _source = SourceLocation.ForOverride(text);
    }

    public static IReadOnlyList<Override> ParseAll(IEnumerable<string> overrides) => [.. overrides.Select(Parse)];

    public static Override Parse(string text) => new OverrideParser(text).ParseOverride();

    private Override ParseOverride()
    {
        var kind = OverrideKind.Change;
        if (Skip("++")) kind = OverrideKind.ForceAdd;
        else if (Skip("+")) kind = OverrideKind.Add;
        else if (Skip("~")) kind = OverrideKind.Delete;

        var keyStart = _pos;
        while (_pos < _text.Length && _text[_pos] != '=') _pos++;
        var key = _text[keyStart.._pos].Trim();
        if (key.Length == 0) throw Error(keyStart, "expected a key before '='");
        if (key.Contains('@')) throw Error(keyStart + key.IndexOf('@'), "package overrides ('key@package') are not supported");
        var badKey = KeyPattern().Match(key);
        if (!badKey.Success) throw Error(keyStart + FirstBadKeyChar(key), "a key is names joined by '.' or '/' (letters, digits, '_', '-')");

        if (_pos == _text.Length)
        {
            if (kind == OverrideKind.Delete) return new Override(kind, key, [], false, _text);
            throw Error(_pos, $"expected '=' and a value after '{key}'", kind == OverrideKind.Change ? $"To delete a key use ~{key}." : null);
        }
        _pos++; // '='
        var (values, isSweep, domain) = ParseValue();
        return new Override(kind, key, values, isSweep, _text) { Domain = domain };
    }

    private (IReadOnlyList<OverrideElement> Values, bool IsSweep, SweepDomain? Domain) ParseValue()
    {
        SkipSpaces();
        if (FunctionPattern().IsMatch(_text, _pos))
        {
            var sweep = ParseFunction(log: false);
            EndOfInput();
            return sweep;
        }
        var elements = ParseElements(null);
        EndOfInput();
        return (elements, elements.Count > 1, null);
    }

    /// <summary><c>range(...)</c>, <c>choice(...)</c>, <c>interval(low, high)</c>, or <c>tag(log, ...)</c> around one of them.</summary>
    private (IReadOnlyList<OverrideElement> Values, bool IsSweep, SweepDomain? Domain) ParseFunction(bool log)
    {
        var function = FunctionPattern().Match(_text, _pos);
        var name = function.Groups[1].Value;
        var argsStart = _pos + function.Length;
        _pos = argsStart;
        if (name == "tag")
        {
            var tagStart = _pos;
            SkipSpaces();
            if (!Skip("log")) throw Error(tagStart, "tag() takes the tag log and a sweep: tag(log, interval(1e-5, 1e-3))");
            Expect(',');
            SkipSpaces();
            if (!FunctionPattern().IsMatch(_text, _pos)) throw Error(_pos, "tag(log, ...) needs interval(...) or range(...) inside");
            var inner = ParseFunction(log: true);
            Expect(')');
            return inner;
        }
        var args = ParseElements(')');
        Expect(')');
        return name switch
        {
            "range" => Range(args, argsStart, log),
            "interval" => Interval(args, argsStart, log),
            "choice" when log => throw Error(argsStart, "tag(log, ...) applies to interval() and range(), not choice()"),
            "choice" when args.Count > 0 => (args, true, null),
            "choice" => throw Error(argsStart, "choice() needs at least one value"),
            _ => throw Error(_pos - 1, "unreachable"),
        };
    }

    private List<OverrideElement> ParseElements(char? closing)
    {
        var elements = new List<OverrideElement>();
        SkipSpaces();
        if (closing is { } c && Peek() == c) return elements;
        while (true)
        {
            elements.Add(ParseElement(closing is null ? "," : $",{closing}"));
            SkipSpaces();
            if (!Skip(",")) return elements;
        }
    }

    private OverrideElement ParseElement(string stops)
    {
        SkipSpaces();
        var start = _pos;
        ConfigNode node = Peek() switch
        {
            '[' => ParseList(),
            '{' => ParseMap(),
            '\'' or '"' => ConfigScalar.String(ParseQuoted(), _source),
            _ => ParsePrimitive(stops),
        };
        return new OverrideElement(node, _text[start.._pos].Trim());
    }

    private ConfigList ParseList()
    {
        _pos++;
        var items = ParseElements(']');
        Expect(']');
        return new ConfigList(items.Select(i => i.Node), _source);
    }

    private ConfigMap ParseMap()
    {
        _pos++;
        var map = new ConfigMap(_source);
        SkipSpaces();
        if (Skip("}")) return map;
        while (true)
        {
            SkipSpaces();
            var keyStart = _pos;
            var key = ReadPlain(":,}").Trim();
            if (key.Length == 0) throw Error(keyStart, "expected a key inside '{...}'");
            Expect(':');
            map[key] = ParseElement(",}").Node;
            SkipSpaces();
            if (Skip("}")) return map;
            Expect(',');
        }
    }

    private string ParseQuoted()
    {
        var quote = _text[_pos];
        var start = _pos++;
        var value = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            if (_text[_pos] == '\\' && _pos + 1 < _text.Length && (_text[_pos + 1] == quote || _text[_pos + 1] == '\\')) _pos++;
            value.Append(_text[_pos++]);
        }
        if (_pos == _text.Length) throw Error(start, $"unterminated quoted string (missing closing {quote})");
        _pos++;
        return value.ToString();
    }

    private ConfigScalar ParsePrimitive(string stops)
    {
        var text = ReadPlain(stops).Trim();
        if (text.Length == 0) return ConfigScalar.String("", _source);
        return text.Contains('\\') ? ConfigScalar.String(Unescape(text), _source) : ConfigScalar.Plain(text, _source);
    }

    /// <summary>Reads up to a stop character at the top level, keeping <c>${...}</c> whole; brackets must be quoted or escaped.</summary>
    private string ReadPlain(string stops)
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\\' && _pos + 1 < _text.Length && Escapable.Contains(_text[_pos + 1])) { _pos += 2; continue; }
            if (c == '$' && _pos + 1 < _text.Length && _text[_pos + 1] == '{') { depth++; _pos += 2; continue; }
            if (depth > 0)
            {
                if (c == '}') depth--;
                _pos++;
                continue;
            }
            if (stops.Contains(c) || c is '[' or '{' or ']' or '}') break;
            _pos++;
        }
        if (depth > 0) throw Error(start, "unterminated interpolation '${' (missing '}')");
        if (_pos < _text.Length && !stops.Contains(_text[_pos]))
            throw Error(_pos, $"unexpected '{_text[_pos]}' inside a value", "Quote the value ('...') or escape the bracket with '\\'.");
        return _text[start.._pos];
    }

    private const string Escapable = "\\,[]{}()'\"";

    private static string Unescape(string text) => EscapePattern().Replace(text, "$1");

    private (IReadOnlyList<OverrideElement>, bool, SweepDomain?) Range(List<OverrideElement> args, int at, bool log)
    {
        var numbers = Numbers(args, at, 2, 3, "range() takes numbers: range(start, stop) or range(start, stop, step)");
        var (start, stop, step) = (numbers[0], numbers[1], numbers.Length == 3 ? numbers[2] : 1m);
        if (step == 0) throw Error(at, "range() step must not be 0");
        var integers = args.All(a => ((ConfigScalar)a.Node).Kind == ScalarKind.Int);
        var values = new List<OverrideElement>();
        for (var v = start; step > 0 ? v < stop : v > stop; v += step)
        {
            var text = integers ? v.ToString(CultureInfo.InvariantCulture) : v.ToString("0.0##########################", CultureInfo.InvariantCulture);
            values.Add(new OverrideElement(ConfigScalar.Plain(text, _source), text));
            if (values.Count > 10_000) throw Error(at, "range() yields more than 10,000 values");
        }
        if (values.Count == 0) throw Error(at, $"range({start}, {stop}, {step}) is empty");
        var last = start + (values.Count - 1) * step;
        var domain = integers ? new SweepDomain(SweepFunction.Range, Math.Min(start, last), Math.Max(start, last), Math.Abs(step), log) : null;
        if (log && domain is null) throw Error(at, "tag(log, range(...)) needs whole numbers; use tag(log, interval(low, high)) for a continuous range");
        return (values, true, domain);
    }

    private (IReadOnlyList<OverrideElement>, bool, SweepDomain?) Interval(List<OverrideElement> args, int at, bool log)
    {
        var numbers = Numbers(args, at, 2, 2, "interval() takes two numbers: interval(low, high)");
        return (args, true, new SweepDomain(SweepFunction.Interval, numbers[0], numbers[1], 0, log));
    }

    private decimal[] Numbers(List<OverrideElement> args, int at, int min, int max, string usage)
    {
        if (args.Count < min || args.Count > max || args.Any(a => a.Node is not ConfigScalar { Kind: ScalarKind.Int or ScalarKind.Float }))
            throw Error(at, usage);
        return [.. args.Select(a => decimal.Parse(((ConfigScalar)a.Node).Text, NumberStyles.Float, CultureInfo.InvariantCulture))];
    }

    private bool Skip(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        _pos += token.Length;
        return true;
    }

    private char? Peek() => _pos < _text.Length ? _text[_pos] : null;

    private void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private void Expect(char c)
    {
        SkipSpaces();
        if (Peek() != c) throw Error(_pos, _pos < _text.Length ? $"expected '{c}', found '{_text[_pos]}'" : $"expected '{c}' before the end");
        _pos++;
    }

    private void EndOfInput()
    {
        SkipSpaces();
        if (_pos < _text.Length) throw Error(_pos, $"unexpected '{_text[_pos]}'", "Quote the value ('...') if the character belongs to it.");
    }

    private static int FirstBadKeyChar(string key)
    {
        for (var i = 0; i < key.Length; i++)
            if (!(char.IsLetterOrDigit(key[i]) || key[i] is '_' or '-' or '.' or '/')) return i;
        return 0;
    }

    private ConfigException Error(int column, string what, string? hint = null) =>
        new($"Cannot parse override '{_text}': {what} (column {column + 1}).\n  {_text}\n  {new string(' ', column)}^",
            hint ?? "Overrides look like key=value, +key=value, ++key=value or ~key; see docs/configuration.md.");

    [GeneratedRegex(@"^[A-Za-z_][\w-]*([./][\w-]+)*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\G(range|choice|interval|tag)\(")]
    private static partial Regex FunctionPattern();

    [GeneratedRegex(@"\\([\\,\[\]{}()'""])")]
    private static partial Regex EscapePattern();
}
