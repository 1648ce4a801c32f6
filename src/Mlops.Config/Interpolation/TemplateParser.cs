using System.Text;
using System.Text.RegularExpressions;

namespace Mlops.Config.Interpolation;

/// <summary>
/// Parses OmegaConf's interpolation syntax inside string values: <c>${key}</c>, <c>${resolver:arg,...}</c>,
/// nesting (<c>${oc.env:${.name},fallback}</c>), quoted arguments, and <c>\${</c> for a literal <c>${</c>.
/// Hand-written: the grammar is OmegaConf's ANTLR grammar, with no .NET implementation to reuse.
/// </summary>
public sealed partial class TemplateParser
{
    private readonly string _text;
    private readonly string _where;
    private int _pos;

    private TemplateParser(string text, string where)
    {
        _text = text;
        _where = where;
    }

    public static bool HasInterpolation(string text)
    {
        for (var i = text.IndexOf("${", StringComparison.Ordinal); i >= 0; i = text.IndexOf("${", i + 2, StringComparison.Ordinal))
            if (i == 0 || text[i - 1] != '\\') return true;
        return false;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="where"/> names the key for error messages.</summary>
    public static Template Parse(string text, string where) => new TemplateParser(text, where).ParseTemplate(topLevel: true);

    private Template ParseTemplate(bool topLevel, string stops = "")
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        while (_pos < _text.Length)
        {
            if (Starts("\\${")) { literal.Append("${"); _pos += 3; continue; }
            if (Starts("${"))
            {
                if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString()));
                literal.Clear();
                parts.Add(ParseInterpolation());
                continue;
            }
            if (!topLevel && stops.Contains(_text[_pos])) break;
            if (!topLevel && _text[_pos] is '\'' or '"') { literal.Append(ParseQuoted()); continue; }
            literal.Append(_text[_pos++]);
        }
        if (literal.Length > 0) parts.Add(new LiteralPart(topLevel ? literal.ToString() : literal.ToString().Trim()));
        return new Template(parts);
    }

    private TemplatePart ParseInterpolation()
    {
        var start = _pos;
        _pos += 2;
        var resolver = ResolverName().Match(_text, _pos);
        TemplatePart part;
        if (resolver.Success)
        {
            _pos += resolver.Length;
            var args = new List<Template>();
            while (true)
            {
                args.Add(ParseTemplate(topLevel: false, ",}"));
                if (_pos < _text.Length && _text[_pos] == ',') { _pos++; continue; }
                break;
            }
            part = new ResolverPart(resolver.Groups[1].Value, args.Count == 1 && args[0].Parts.Count == 0 ? [] : args);
        }
        else
        {
            var key = ParseTemplate(topLevel: false, "}");
            if (key.Parts.Count == 0) throw Error(start, "empty interpolation '${}'");
            part = new ReferencePart(key);
        }
        if (_pos >= _text.Length || _text[_pos] != '}') throw Error(start, "unterminated interpolation (missing '}')");
        _pos++;
        return part;
    }

    private string ParseQuoted()
    {
        var quote = _text[_pos];
        var start = _pos++;
        var end = _text.IndexOf(quote, _pos);
        if (end < 0) throw Error(start, $"unterminated quoted argument (missing {quote})");
        var value = _text[_pos..end];
        _pos = end + 1;
        return value;
    }

    private bool Starts(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

    private ConfigException Error(int column, string what) =>
        new($"Bad interpolation in '{_where}': {what} (column {column + 1}).\n  {_text}\n  {new string(' ', column)}^",
            "Interpolations look like ${key.path}, ${.sibling}, ${oc.env:VAR,default} or ${now:%Y-%m-%d}.");

    [GeneratedRegex(@"\G\s*([A-Za-z_][\w.]*)\s*:")]
    private static partial Regex ResolverName();
}
