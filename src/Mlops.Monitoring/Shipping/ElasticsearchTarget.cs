using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Transport;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// Ships prediction events to Elasticsearch with the official client's bulk API: one <c>create</c> per event into the
/// data stream (<see cref="ElasticsearchOptions.DataStream"/>). The client does not retry on its own; the
/// <see cref="EventShipper"/> does, with backoff: a request that fails as a whole (no answer, 429, 5xx, a refused
/// login) is retried whole; of a partly failed one, only the events answered 429 or 5xx, while those refused
/// otherwise (a mapping conflict) are counted as rejected.
/// </summary>
public sealed class ElasticsearchTarget : IEventTarget
{
    private readonly ElasticsearchClient _client;
    private readonly string _dataStream;

    public ElasticsearchTarget(ElasticsearchOptions options)
    {
        var settings = new ElasticsearchClientSettings(new SingleNodePool(new Uri(options.Url)), (_, _) => new EcsEventSerializer())
            .RequestTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds))
            .MaximumRetries(0);
        if (options.ApiKey.Length > 0) settings = settings.Authentication(new ApiKey(options.ApiKey));
        else if (options.Username.Length > 0) settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password));
        _client = new ElasticsearchClient(settings);
        _dataStream = options.DataStream;
    }

    public string Name => "elasticsearch";

    public async Task<Delivery> SendAsync(IReadOnlyList<PredictionEvent> events, CancellationToken cancellationToken)
    {
        var request = new BulkRequest(_dataStream) { Operations = [.. events.Select(e => new BulkCreateOperation<PredictionEvent>(e))] };
        var response = await _client.BulkAsync(request, cancellationToken);
        var call = response.ApiCallDetails;
        if (call.HttpStatusCode is not (>= 200 and < 300) || response.Items.Count != events.Count)
            return Delivery.RetryAll(events, call.HttpStatusCode is { } status
                ? $"{_dataStream}/_bulk answered {status}{(response.ElasticsearchServerError?.Error?.Reason is { } reason ? $": {reason}" : "")}"
                : call.OriginalException?.Message ?? "no answer");
        if (!response.Errors) return Delivery.Complete;
        var retry = new List<PredictionEvent>();
        var (rejected, error) = (0, (string?)null);
        // The bulk API answers item by item, in the order of the request.
        foreach (var (item, i) in response.Items.Select((item, i) => (item, i)))
        {
            if (item.Status is >= 200 and < 300) continue;
            error ??= $"{item.Status} {item.Error?.Type}: {item.Error?.Reason}";
            if (item.Status is 429 or >= 500) retry.Add(events[i]);
            else rejected++;
        }
        return new Delivery(retry, rejected, error);
    }
}
