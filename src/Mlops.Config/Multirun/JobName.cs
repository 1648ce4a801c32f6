using System.Text;
using Mlops.Config.Overrides;

namespace Mlops.Config.Multirun;

/// <summary>
/// A folder-safe name built from a job's overrides (Hydra's <c>override_dirname</c>), e.g. <c>model=tiny,training.lr=3e-5</c>.
/// Characters that break paths or shells (<c>/ \ : * ? " &lt; &gt; |</c>, spaces, brackets) become '_' and the name is capped.
/// </summary>
public static class JobName
{
    public const int MaxLength = 120;

    public static string FromOverrides(IEnumerable<Override> overrides) => Sanitize(string.Join(",", overrides.Select(o => o.Text)));

    public static string Sanitize(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text) name.Append(char.IsLetterOrDigit(c) || c is '=' or ',' or '.' or '-' or '_' or '+' or '~' ? c : '_');
        var result = name.ToString().Trim('.');
        return result.Length == 0 ? "_" : result.Length > MaxLength ? result[..MaxLength] : result;
    }
}
