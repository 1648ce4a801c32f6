namespace Mlops.Monitoring.Shipping;

/// <summary>
/// The <c>monitoring.elasticsearch</c> config group: where prediction events are shipped with the bulk API (empty
/// <see cref="Url"/>: nowhere), how to authenticate, and the data stream they land in.
/// </summary>
public sealed record ElasticsearchOptions : ShippingOptions
{
    /// <summary>The cluster, e.g. <c>https://es.example.com:9200</c>; empty: no shipping.</summary>
    public string Url { get; init; } = "";
    /// <summary>An API key (the encoded form Kibana shows); takes precedence over <see cref="Username"/>.</summary>
    public string ApiKey { get; init; } = "";
    public string Username { get; init; } = "";
    public string Password { get; init; } = "";
    /// <summary>The data stream written with <c>create</c> actions; <c>logs-*-*</c> gets Elasticsearch's built-in logs template.</summary>
    public string DataStream { get; init; } = "logs-mlops.predictions-default";
}
