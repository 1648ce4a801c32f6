using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mlops.Core.Processes;

namespace Mlops.Data.Tests.Hub;

/// <summary>
/// A real HTTP server on 127.0.0.1 (System.Net.HttpListener) standing in for huggingface.co, since this
/// machine has no internet: it serves files under the hub's URL layout
/// (<c>/datasets/{repo}/resolve/{revision}/{path}</c>), the tree API
/// (<c>/api/datasets/{repo}/tree/{revision}/{folder}</c>: the files directly inside the folder, 404 with the hub's
/// <c>X-Error-Code</c> EntryNotFound for a folder it lacks and RepoNotFound for another repository), honours
/// <c>Range: bytes=N-</c> like the hub's CDN, and records every request so tests can assert what went over the wire.
/// </summary>
internal sealed class LocalHubServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public LocalHubServer(string repoId = "nyu-mll/glue", string revision = "main")
    {
        RepoId = repoId;
        Revision = revision;
        var port = BackgroundProcess.FreePort();
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public string RepoId { get; }

    public string Revision { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Answer ranged requests with 200 and the whole file, as some proxies do.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Send the SHA-256 in <c>X-Linked-Etag</c> (as the hub does for LFS files).</summary>
    public bool SendLinkedEtag { get; set; } = true;

    /// <summary>Answer the resolve URL with a 302 to <c>/cdn/...</c> (as the hub does for LFS files).</summary>
    public bool RedirectToCdn { get; set; }

    /// <summary>Include <c>lfs.oid</c> (the SHA-256) in tree listings.</summary>
    public bool ListLfs { get; set; } = true;

    public void AddFile(string path, byte[] content) => _files[path] = content;

    /// <summary>Serves a text file such as a dataset card (README.md), UTF-8 encoded.</summary>
    public void AddText(string path, string content) => AddFile(path, Encoding.UTF8.GetBytes(content));

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public IEnumerable<RecordedRequest> ResolveRequests => Requests.Where(r => r.Path.Contains("/resolve/", StringComparison.Ordinal) || r.Path.StartsWith("/cdn/", StringComparison.Ordinal));

    private string ResolvePrefix => $"/datasets/{RepoId}/resolve/{Uri.EscapeDataString(Revision)}/";

    private string TreePrefix => $"/api/datasets/{RepoId}/tree/{Uri.EscapeDataString(Revision)}";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Handle(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away mid-response.
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedRequest(path, request.Headers["Range"], request.Headers["Authorization"]));

        if (path.StartsWith("/api/datasets/", StringComparison.Ordinal) && !path.StartsWith($"/api/datasets/{RepoId}/", StringComparison.Ordinal))
        {
            response.Headers["X-Error-Code"] = "RepoNotFound";
            response.Headers["X-Error-Message"] = "Repository not found";
            WriteBody(response, 404, Encoding.UTF8.GetBytes("Repository not found"), "text/plain");
            return;
        }

        if (path.StartsWith(TreePrefix, StringComparison.Ordinal))
        {
            var folder = Uri.UnescapeDataString(path[TreePrefix.Length..].Trim('/'));
            var prefix = folder.Length == 0 ? "" : folder + "/";
            if (prefix.Length > 0 && !_files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            {
                response.Headers["X-Error-Code"] = "EntryNotFound";
                WriteBody(response, 404, Encoding.UTF8.GetBytes($"{folder} does not exist on \"{Revision}\""), "text/plain");
                return;
            }
            var entries = _files
                .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) && !f.Key[prefix.Length..].Contains('/'))
                .OrderBy(f => f.Key, StringComparer.Ordinal)
                .Select(f => ListLfs
                    ? (object)new { type = "file", oid = "0123456789abcdef0123456789abcdef01234567", size = 134, path = f.Key, lfs = new { oid = Sha256(f.Value), size = f.Value.Length, pointerSize = 134 } }
                    : new { type = "file", oid = "0123456789abcdef0123456789abcdef01234567", size = f.Value.Length, path = f.Key })
                .Prepend(new { type = "directory", oid = "89abcdef0123456789abcdef0123456789abcdef", size = 0, path = folder + "/sub" })
                .ToList();
            WriteBody(response, 200, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entries)), "application/json");
            return;
        }

        string? filePath = null;
        if (path.StartsWith(ResolvePrefix, StringComparison.Ordinal))
        {
            filePath = Uri.UnescapeDataString(path[ResolvePrefix.Length..]);
            if (RedirectToCdn && _files.TryGetValue(filePath, out var redirected))
            {
                AddHashHeaders(response, redirected);
                response.StatusCode = 302;
                response.RedirectLocation = "/cdn/" + filePath;
                return;
            }
        }
        else if (path.StartsWith("/cdn/", StringComparison.Ordinal))
        {
            filePath = Uri.UnescapeDataString(path["/cdn/".Length..]);
        }

        if (filePath is null || !_files.TryGetValue(filePath, out var content))
        {
            response.Headers["X-Error-Code"] = "EntryNotFound";
            WriteBody(response, 404, Encoding.UTF8.GetBytes("Entry not found"), "text/plain");
            return;
        }

        if (!RedirectToCdn) AddHashHeaders(response, content);
        var range = request.Headers["Range"];
        if (range is not null && !IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            var from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (from >= content.Length)
            {
                response.Headers["Content-Range"] = $"bytes */{content.Length}";
                WriteBody(response, 416, [], "text/plain");
                return;
            }
            response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
            WriteBody(response, 206, content[(int)from..], "application/octet-stream");
            return;
        }
        WriteBody(response, 200, content, "application/octet-stream");
    }

    private void AddHashHeaders(HttpListenerResponse response, byte[] content)
    {
        if (SendLinkedEtag)
        {
            response.Headers["X-Linked-Etag"] = $"\"{Sha256(content)}\"";
            response.Headers["X-Linked-Size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // A git-blob ETag (40 hex digits, not a SHA-256): the client must not take it for the content hash.
        response.Headers["ETag"] = "\"0123456789abcdef0123456789abcdef01234567\"";
    }

    private static void WriteBody(HttpListenerResponse response, int status, byte[] body, string contentType)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

/// <summary>One request the local hub received.</summary>
internal sealed record RecordedRequest(string Path, string? Range, string? Authorization);
