using System.Text;
using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// <c>.dvc/config</c> (and <c>config.local</c>, for credentials) in the INI dialect DVC writes through configobj:
/// sections <c>[core]</c> and <c>['remote "name"']</c>, keys indented by four spaces. Written by hand: the INI
/// packages on NuGet do not keep configobj's quoted section names, and DVC must read what we write.
/// </summary>
public sealed partial class DvcConfig
{
    private readonly List<(string Section, Dictionary<string, string> Values)> _sections = [];

    public static async Task<DvcConfig> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var config = new DvcConfig();
        if (!File.Exists(path)) return config;
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        Dictionary<string, string>? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (Section().Match(line) is { Success: true } section)
            {
                current = config.SectionValues(Unquote(section.Groups[1].Value.Trim()));
                continue;
            }
            var equals = line.IndexOf('=');
            if (current is null || equals < 0)
                throw new MlopsException($"{path}:{i + 1}: expected [section] or key = value, found '{line}'.", "Fix the line, or recreate the remote with mlops data remote add.", ExitCodes.ConfigError);
            current[line[..equals].Trim()] = Unquote(line[(equals + 1)..].Trim());
        }
        return config;
    }

    /// <summary>The value of <paramref name="key"/> in <paramref name="section"/> (e.g. <c>core</c>, <c>remote "storage"</c>), or null.</summary>
    public string? Get(string section, string key) =>
        _sections.FirstOrDefault(s => s.Section == section).Values?.GetValueOrDefault(key);

    public void Set(string section, string key, string value) => SectionValues(section)[key] = value;

    /// <summary>The remote names, in file order.</summary>
    public IReadOnlyList<string> Remotes =>
        [.. _sections.Select(s => RemoteName().Match(s.Section)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    public static string RemoteSection(string name) => $"remote \"{name}\"";

    public Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        // [core] first, then the rest in the order they were made, as DVC lays the file out.
        foreach (var (section, values) in _sections.Where(s => s.Values.Count > 0).OrderBy(s => s.Section == "core" ? 0 : 1))
        {
            text.Append(section.Contains('"') ? $"['{section}']" : $"[{section}]").Append('\n');
            foreach (var (key, value) in values) text.Append("    ").Append(key).Append(" = ").Append(value).Append('\n');
        }
        return AtomicFile.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    private Dictionary<string, string> SectionValues(string section)
    {
        var index = _sections.FindIndex(s => s.Section == section);
        if (index >= 0) return _sections[index].Values;
        _sections.Add((section, new Dictionary<string, string>(StringComparer.Ordinal)));
        return _sections[^1].Values;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '\'' or '"' ? value[1..^1] : value;

    [GeneratedRegex(@"^\[(.+)\]$")]
    private static partial Regex Section();

    [GeneratedRegex("^remote \"(.+)\"$")]
    private static partial Regex RemoteName();
}
