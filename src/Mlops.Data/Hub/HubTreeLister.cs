using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mlops.Data.Hub;

/// <summary>Lists a repository folder through the hub's tree API: the URL, <c>Link: rel="next"</c> paging and the JSON entries.</summary>
internal sealed partial class HubTreeLister(HubHttp http, HubOptions options, string endpoint)
{
    private const int MaxPages = 1000;

    /// <summary>
    /// The files directly inside <paramref name="folder"/> from <c>{endpoint}/api/{repoType}/{repo}/tree/{revision}/{path}</c>,
    /// sorted by path; LFS files carry their SHA-256. A folder the repository lacks has no files.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> ListAsync(
        string repoId, string repoType, string[] folder, CancellationToken cancellationToken)
    {
        var url = $"{endpoint}/api/{repoType}/{repoId}/tree/{Uri.EscapeDataString(options.Revision)}";
        if (folder.Length > 0) url += "/" + HubRepoPath.Escape(folder);

        var files = new List<HubFile>();
        string? page = url;
        for (var pages = 0; page is not null && pages < MaxPages; pages++)
        {
            using var response = await http.SendAsync(page, rangeFrom: null, cancellationToken);
            // A folder the repository lacks: the hub says EntryNotFound (a missing repository or revision has its own code).
            if (response.Message.StatusCode == HttpStatusCode.NotFound && HubHttp.FirstHeader(response.Message, HubHttp.ErrorCodeHeader) == "EntryNotFound") break;
            if (response.Message.StatusCode != HttpStatusCode.OK) throw HubHttp.Error(page, response.Message, "Listing files at");
            string json;
            try
            {
                json = await response.Message.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new DataException($"Reading the file list from '{page}' failed: {e.Message}", HubHttp.OfflineHint, e);
            }
            ParseTree(json, page, files);
            page = NextPage(response.Message, response.Url);
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static void ParseTree(string json, string url, List<HubFile> files)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("expected a JSON array");
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) continue;
                if (!entry.TryGetProperty("type", out var type) || type.GetString() != "file") continue;
                var path = entry.GetProperty("path").GetString() ?? throw new JsonException("a file without a path");
                HubRepoPath.Split(path, allowEmpty: false);
                long? size = entry.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
                string? sha256 = null;
                if (entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    if (lfs.TryGetProperty("oid", out var oid)) sha256 = HubSha256.Normalize(oid.GetString());
                    if (lfs.TryGetProperty("size", out var lfsSize) && lfsSize.ValueKind == JsonValueKind.Number) size = lfsSize.GetInt64();
                }
                files.Add(new HubFile(path, sha256, size));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new DataException($"'{url}' did not answer with a file list: {e.Message}", "Check HF_ENDPOINT: it must point at a Hugging Face hub (or a mirror of its API).", e);
        }
    }

    /// <summary>The hub pages long listings with <c>Link: &lt;url&gt;; rel="next"</c>.</summary>
    private static string? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            var match = NextLinkRegex().Match(link);
            if (match.Success) return new Uri(current, match.Groups[1].Value).AbsoluteUri;
        }
        return null;
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLinkRegex();
}
