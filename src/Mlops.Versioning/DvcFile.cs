using System.Globalization;
using System.Text;
using Mlops.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mlops.Versioning;

/// <summary>
/// A <c>PATH.dvc</c> file: its outputs and the folder their paths are relative to (<c>wdir</c>, DVC 2 projects such as
/// the course's <c>dvcfiles/trained_model.dvc</c> with <c>wdir: ../models</c>). Read from either DVC 2 or 3; written
/// as DVC 3 writes it, byte for byte.
/// </summary>
public sealed record DvcFile(string FilePath, IReadOnlyList<DvcOut> Outs, string? WorkingDir = null)
{
    public const string Extension = ".dvc";

    /// <summary>The folder the outputs' paths are relative to: the file's own, or its <c>wdir</c> resolved from there.</summary>
    public string BaseDir => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(FilePath))!, WorkingDir ?? "."));

    /// <summary>The full path of <paramref name="output"/> in the workspace.</summary>
    public string Resolve(DvcOut output) => Path.GetFullPath(Path.Combine(BaseDir, output.Path));

    public static async Task<DvcFile> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken), path);

    /// <summary>
    /// The file whose text is <paramref name="text"/> and which sits (or would sit) at <paramref name="path"/>; errors
    /// name <paramref name="origin"/> (e.g. <c>v1.2:models.dvc</c> for a file read from git), or the path.
    /// </summary>
    public static DvcFile Parse(string text, string path, string? origin = null)
    {
        var shown = origin ?? path;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw Invalid(shown, e.Start.Line, $"it is not YAML ({e.Message})");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw Invalid(shown, 1, "expected a mapping with an 'outs' list");
        string? workingDir = root.Children.TryGetValue(new YamlScalarNode("wdir"), out var wdir) ? ((YamlScalarNode)wdir).Value : null;
        if (!root.Children.TryGetValue(new YamlScalarNode("outs"), out var outsNode) || outsNode is not YamlSequenceNode outs)
            throw Invalid(shown, (int)root.Start.Line, "expected an 'outs' list");
        var outputs = new List<DvcOut>();
        foreach (var node in outs)
        {
            if (node is not YamlMappingNode entry) throw Invalid(shown, (int)node.Start.Line, "each entry of 'outs' must be a mapping");
            string? Scalar(string key) => entry.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;
            var outPath = Scalar("path") ?? throw Invalid(shown, (int)entry.Start.Line, "an output has no 'path'");
            var md5 = Scalar("md5") ?? throw Invalid(shown, (int)entry.Start.Line, $"output '{outPath}' has no 'md5' (run mlops data add {outPath})");
            long.TryParse(Scalar("size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size);
            int? files = int.TryParse(Scalar("nfiles"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            outputs.Add(new DvcOut(md5, size, outPath, files, Scalar("hash")));
        }
        return new DvcFile(path, outputs, workingDir);
    }

    /// <summary>The text DVC 3 writes for these outputs (no <c>wdir</c>: a file we write sits beside what it tracks).</summary>
    public string ToText()
    {
        var text = new StringBuilder("outs:\n");
        foreach (var output in Outs)
        {
            text.Append("- md5: ").Append(output.Md5).Append('\n');
            text.Append("  size: ").Append(output.Size.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (output.NFiles is { } files) text.Append("  nfiles: ").Append(files.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("  hash: md5\n");
            text.Append("  path: ").Append(Scalar(output.Path)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A path as a YAML scalar: plain when that reads back the same, single-quoted otherwise (as ruamel, DVC's writer, does).</summary>
    private static string Scalar(string value) =>
        value.Length > 0 && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && !value.EndsWith(':')
        && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0]) < 0 && value.Trim() == value
            ? value
            : "'" + value.Replace("'", "''") + "'";

    public Task WriteAsync(CancellationToken cancellationToken) => AtomicFile.WriteAllTextAsync(FilePath, ToText(), cancellationToken);

    private static MlopsException Invalid(string path, long line, string problem) =>
        new($"{path}:{line}: {problem}.", "A .dvc file is YAML: outs: - md5: HASH, size: BYTES, hash: md5, path: PATH (as mlops data add or dvc add write it).", ExitCodes.DataError);
}
