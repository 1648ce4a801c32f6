using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// A tracked folder as DVC stores it: the <c>.dir</c> object, a JSON list of <c>{"md5", "relpath"}</c> sorted by
/// relpath, serialised exactly as Python's <c>json.dumps(sort_keys=True)</c> does (", " and ": " separators, non-ASCII
/// as \u escapes), because the folder's hash is the MD5 of those bytes plus <c>.dir</c> and must match DVC's.
/// </summary>
public sealed record DirManifest(IReadOnlyList<DirEntry> Entries)
{
    public const string Suffix = ".dir";

    /// <summary>The entries in DVC's order (relpath, by code point), from any order.</summary>
    public static DirManifest Of(IEnumerable<DirEntry> entries)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.RelPath, b.RelPath));
        return new(sorted);
    }

    public byte[] ToBytes()
    {
        var text = new StringBuilder(Entries.Count * 96).Append('[');
        for (var i = 0; i < Entries.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append("{\"md5\": ");
            AppendPythonJson(text, Entries[i].Md5);
            text.Append(", \"relpath\": ");
            AppendPythonJson(text, Entries[i].RelPath);
            text.Append('}');
        }
        return Encoding.ASCII.GetBytes(text.Append(']').ToString());
    }

    /// <summary>The MD5 of an object's bytes from its name: a folder's hash without its <c>.dir</c>, a file's as it is.</summary>
    public static string ContentMd5(string md5) => md5.EndsWith(Suffix, StringComparison.Ordinal) ? md5[..^Suffix.Length] : md5;

    /// <summary>The folder's hash as DVC writes it in a <c>.dvc</c> file: MD5 of <see cref="ToBytes"/>, then <c>.dir</c>.</summary>
    public string Hash => Md5.Of(ToBytes()) + Suffix;

    /// <summary>
    /// The manifest in <paramref name="bytes"/>, which the caller has checked against the folder's hash (bytes that fail
    /// it are a corrupt object, fetched again); one line naming <paramref name="origin"/> when they still are no manifest.
    /// </summary>
    public static DirManifest Parse(byte[] bytes, string origin)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return new([.. document.RootElement.EnumerateArray().Select(e => new DirEntry(e.GetProperty("relpath").GetString()!, e.GetProperty("md5").GetString()!))]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new MlopsException($"{origin} is not a DVC folder manifest: {e.Message}",
                "It was written so where it came from: re-add the folder there (mlops data add PATH) and push it again.", ExitCodes.DataError, e);
        }
    }

    /// <summary>Appends a string as Python's json module writes it with ensure_ascii: quotes, backslashes and control characters escaped, everything past ASCII as \uXXXX.</summary>
    private static void AppendPythonJson(StringBuilder text, string value)
    {
        text.Append('"');
        // Hashes and most paths need no escape: appended whole.
        if (!value.AsSpan().ContainsAnyExcept(Plain))
        {
            text.Append(value).Append('"');
            return;
        }
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or >= '\u0080': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
    }

    /// <summary>Printable ASCII but the quote and the backslash: what Python's json writes as it is.</summary>
    private static readonly SearchValues<char> Plain =
        SearchValues.Create([.. Enumerable.Range(' ', '\u007f' - ' ').Select(c => (char)c).Where(c => c is not ('"' or '\\'))]);
}

/// <summary>One file of a tracked folder: its path inside the folder ('/' separators) and its MD5.</summary>
public sealed record DirEntry(string RelPath, string Md5);
