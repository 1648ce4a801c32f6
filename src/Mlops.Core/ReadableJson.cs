using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mlops.Core;

/// <summary>
/// JSON that people read (model cards, profiles, reports, exports, benchmark results): quotes, '+', '&lt;', '&gt;',
/// '&amp;' and non-ASCII letters written as themselves, not as <c>\u0022</c>-style escapes. These files are never
/// embedded in HTML, the one place the default encoder's caution is for.
/// </summary>
public static class ReadableJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Indented JSON with the readable encoder, for reflection-based writers.</summary>
    public static JsonSerializerOptions Indented() => new() { WriteIndented = true, Encoder = Encoder };

    /// <summary>A source-generated type's metadata with the readable encoder (AOT-safe: no reflection).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonTypeInfo<T> generated) =>
        (JsonTypeInfo<T>)new JsonSerializerOptions(generated.Options) { Encoder = Encoder }.GetTypeInfo(typeof(T));
}
