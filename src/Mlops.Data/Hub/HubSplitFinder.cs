using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Data.Hub;

/// <summary>
/// Finds the Parquet files of a split of a hub dataset: the paths its card declares for the subset, or, for a card that
/// declares none, the hub's layouts (<c>{subset}/{split}-NNNNN-of-NNNNN.parquet</c>, <c>data/{split}-*.parquet</c> without a
/// subset, and <c>{subset}/{split}/NNNN.parquet</c> on the <c>refs/convert/parquet</c> branch). A split the card lacks, no
/// file, files of another format and a shard missing from a numbered set are one line each, naming what exists.
/// </summary>
internal sealed partial class HubSplitFinder(HuggingFaceHubClient hub, HubFolders folders, HubDatasetAddress address, HubCardConfig? config)
{
    /// <summary>The files of split <paramref name="split"/>, in order, which the config key <paramref name="key"/> named.</summary>
    public async Task<HubSplit> FindAsync(string split, string key, CancellationToken cancellationToken)
    {
        List<HubFile> files = [];
        IReadOnlyList<string> patterns;
        if (config is not null)
        {
            var declared = config.Splits.FirstOrDefault(s => s.Name == split);
            if (declared is null)
            {
                var names = config.Splits.Select(s => s.Name).ToList();
                throw new DataException($"{address.Describe()} has no split '{split}'; its splits are {string.Join(", ", names)}.",
                    $"{Suggestions.Hint("splits", split, names)} Set {key} to one of them.");
            }
            patterns = declared.Patterns;
            foreach (var pattern in patterns) files.AddRange(await MatchAsync(pattern, cancellationToken));
        }
        else
        {
            patterns = address.Subset is { } subset
                ? [$"{subset}/{split}-*.parquet", $"{subset}/{split}/*.parquet"]
                : [$"data/{split}-*.parquet", $"{HubDatasetCard.DefaultConfig}/{split}/*.parquet", $"{split}-*.parquet"];
            foreach (var pattern in patterns)
            {
                files.AddRange(await MatchAsync(pattern, cancellationToken));
                if (files.Count > 0) break;
            }
        }
        if (files.Count == 0) throw NotFound(split, key, patterns);
        var other = files.FirstOrDefault(f => !f.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase));
        if (other is not null)
            throw new DataException($"{address.Describe()} stores split '{split}' as {Path.GetExtension(other.Path).TrimStart('.').ToUpperInvariant()} ('{other.Path}'); the hub dataset reads Parquet.",
                "Set data.revision=refs/convert/parquet to read the hub's own Parquet conversion of it, or download the files and train with data=table.");
        CheckShards(split, files);
        return new HubSplit(split, patterns, files);
    }

    /// <summary>The files a data_files pattern matches: wildcards (<c>*</c>, <c>?</c>) in the file name, its folder listed.</summary>
    private async Task<IEnumerable<HubFile>> MatchAsync(string pattern, CancellationToken cancellationToken)
    {
        var slash = pattern.LastIndexOf('/');
        var folder = slash < 0 ? "" : pattern[..slash];
        if (folder.IndexOfAny(['*', '?', '[']) >= 0)
            throw new DataException($"{address.Describe()} declares the files '{pattern}', with a wildcard in a folder name; the hub dataset matches wildcards in file names only.",
                "Download the files and train with data=table, or set data.revision=refs/convert/parquet to read the hub's own Parquet conversion.");
        var name = new Regex("^" + Regex.Escape(pattern[(slash + 1)..]).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
        var files = await folders.ListAsync(folder, cancellationToken);
        return files.Where(f => name.IsMatch(slash < 0 ? f.Path : f.Path[(slash + 1)..]));
    }

    /// <summary>Every shard of a numbered set (<c>train-00000-of-00003.parquet</c>) is there: offline, a partly downloaded split is named file by file.</summary>
    private void CheckShards(string split, IReadOnlyList<HubFile> files)
    {
        var missing = new List<string>();
        var total = 0;
        foreach (var set in files.Select(f => (File: f, Match: ShardRegex().Match(f.Path))).Where(s => s.Match.Success)
                     .GroupBy(s => (Stem: s.Match.Groups["stem"].Value, Of: s.Match.Groups["of"].Value)))
        {
            var count = int.Parse(set.Key.Of, System.Globalization.CultureInfo.InvariantCulture);
            total += count;
            var present = set.Select(s => s.File.Path).ToHashSet(StringComparer.Ordinal);
            missing.AddRange(Enumerable.Range(0, count).Select(i => $"{set.Key.Stem}-{i:D5}-of-{set.Key.Of}.parquet").Where(p => !present.Contains(p)));
        }
        if (missing.Count == 0) return;
        var names = string.Join(", ", missing.Select(m => $"'{m}'"));
        if (hub.Options.Offline)
            throw new DataException($"Offline mode is on (data.offline=true or HF_HUB_OFFLINE=1), and the hub cache lacks {missing.Count} of the {total} files of split '{split}' of {address.Describe()}: {names}.",
                $"Run once with HF_HUB_OFFLINE=0 and data.offline=false to download them (they stay in the cache, '{hub.GetCacheFolder(address.Repo, HubDatasetAddress.RepoType)}').");
        throw new DataException($"{address.Describe()} lists {total - missing.Count} of the {total} files of split '{split}': {names} are missing.",
            "The repository is incomplete at this revision: set data.revision to another branch, tag or commit.");
    }

    private DataException NotFound(string split, string key, IReadOnlyList<string> patterns)
    {
        var looked = string.Join(", ", patterns.Select(p => $"'{p}'"));
        if (hub.Options.Offline)
            return new DataException($"Offline mode is on (data.offline=true or HF_HUB_OFFLINE=1), and the hub cache holds no file of split '{split}' of {address.Describe()} ({looked}).",
                $"Run once with HF_HUB_OFFLINE=0 and data.offline=false to download them (they stay in the cache, '{hub.GetCacheFolder(address.Repo, HubDatasetAddress.RepoType)}'), or check {key}.");
        var seen = folders.Seen.Select(f => $"'{f.Path}'").Distinct().Take(20).ToList();
        return new DataException($"{address.Describe()} has no files for split '{split}' ({looked}); files found: {(seen.Count == 0 ? "none" : string.Join(", ", seen))}.",
            config is null
                ? $"Check {key} and data.subset (the folder holding the split's files), or set data.revision=refs/convert/parquet to read the hub's own Parquet conversion."
                : "The card declares files the repository lacks: set data.revision to another branch, tag or commit.");
    }

    [GeneratedRegex(@"^(?<stem>.+)-(?<index>\d{5})-of-(?<of>\d{5})\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex ShardRegex();
}
