using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Mlops.Data.Hub;

/// <summary>The hub's HTTP transport: GETs that follow redirects by hand (token only to the endpoint) and HTTP failures as user-facing <see cref="DataException"/>s.</summary>
internal sealed class HubHttp(HttpClient http, HubOptions options, Uri endpointUri)
{
    public const string OfflineHint =
        "Check the network connection, or set HF_HUB_OFFLINE=1 (or data.offline=true) to use files cached earlier.";

    /// <summary>The hub's machine-readable reason for a failure: RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo.</summary>
    public const string ErrorCodeHeader = "X-Error-Code";

    private const int MaxRedirects = 10;

    /// <summary>Sends a GET, following redirects itself and collecting the hub's <c>X-Linked-*</c> headers on the way.</summary>
    public async Task<HubResponse> SendAsync(string url, long? rangeFrom, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        string? linkedEtag = null;
        long? linkedSize = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (rangeFrom is long from) request.Headers.Range = new RangeHeaderValue(from, null);
            if (options.Token is { Length: > 0 } token && IsEndpointOrigin(uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new DataException($"Could not reach '{url}': {e.Message}", OfflineHint, e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DataException($"The request to '{url}' timed out.", OfflineHint, e);
            }

            linkedEtag ??= FirstHeader(response, "X-Linked-Etag");
            if (linkedSize is null && long.TryParse(FirstHeader(response, "X-Linked-Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                linkedSize = size;
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= MaxRedirects) throw new DataException($"'{url}' redirected more than {MaxRedirects} times.", OfflineHint);
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }
            return new HubResponse(response, uri, linkedEtag, linkedSize);
        }
    }

    /// <summary>The user-facing error for an unexpected status: what failed, the hub's own message, and what to do.</summary>
    public static DataException Error(string url, HttpResponseMessage response, string what)
    {
        var status = response.StatusCode;
        var detail = FirstHeader(response, "X-Error-Message");
        var hint = (status, FirstHeader(response, ErrorCodeHeader)) switch
        {
            (_, "RepoNotFound") => "No such repository, or a private one: check its id (owner/name, as in its address), or set HF_TOKEN to a token that may read it.",
            (_, "RevisionNotFound") => "The repository has no such branch, tag or commit: check the revision.",
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) =>
                "The repository is private or gated: set HF_TOKEN to an access token that may read it.",
            (HttpStatusCode.NotFound, _) =>
                "Check the repository id, the revision and the file path; a mirror set with HF_ENDPOINT may lack the file.",
            (HttpStatusCode.TooManyRequests, _) => "The hub limits the request rate: wait a minute and try again, or set HF_TOKEN.",
            _ when (int)status >= 500 => "The hub has a problem: " + OfflineHint,
            _ => null,
        };
        return new DataException(
            $"{what} '{url}' failed: HTTP {(int)status} {response.ReasonPhrase}{(detail is null ? "" : $" ({detail})")}.", hint);
    }

    public static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private bool IsEndpointOrigin(Uri uri) =>
        Uri.Compare(uri, endpointUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
