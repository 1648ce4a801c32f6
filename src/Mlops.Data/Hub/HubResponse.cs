namespace Mlops.Data.Hub;

/// <summary>A hub response after redirects, with the <c>X-Linked-*</c> headers of the redirect hops that the final response lacks.</summary>
internal sealed class HubResponse(HttpResponseMessage message, Uri url, string? linkedEtag, long? linkedSize) : IDisposable
{
    public HttpResponseMessage Message { get; } = message;

    /// <summary>The address that gave <see cref="Message"/>, after redirects.</summary>
    public Uri Url { get; } = url;

    public string? LinkedEtag { get; } = linkedEtag;

    public long? LinkedSize { get; } = linkedSize;

    /// <summary>The hub puts the LFS SHA-256 in <c>X-Linked-Etag</c> (quoted); a plain <c>ETag</c> counts only when it is a SHA-256.</summary>
    public string? Sha256FromHeaders() =>
        HubSha256.Normalize(LinkedEtag) ?? HubSha256.Normalize(HubHttp.FirstHeader(Message, "ETag"));

    public void Dispose() => Message.Dispose();
}
