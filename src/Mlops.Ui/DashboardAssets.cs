using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Mlops.Ui;

/// <summary>
/// The bundled pages, script and stylesheet, read once from the assembly (embedded at build time) and served with an
/// ETag, so a browser revalidates instead of keeping a stale bundle after an upgrade.
/// </summary>
public sealed class DashboardAssets
{
    private sealed record Asset(byte[] Content, string ContentType, string ETag);

    private readonly Dictionary<string, Asset> _assets = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("ui/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "text/html; charset=utf-8",
            };
            _assets[name["ui/".Length..]] = new Asset(content, type, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
        if (!_assets.ContainsKey("app.js"))
            throw new InvalidOperationException($"{assembly.GetName().Name} was built without its pages (web/build.mjs did not run).");
    }

    /// <summary>Serves asset <paramref name="file"/> (e.g. <c>run.html</c>), or 304 when the browser's copy is current.</summary>
    public IResult Serve(string file, HttpContext context)
    {
        if (!_assets.TryGetValue(file, out var asset)) return Results.NotFound();
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
