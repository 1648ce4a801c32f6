using System.Text.Json;
using Elastic.Transport;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// The Elasticsearch client's source serializer for prediction events: each document is written by
/// <see cref="EcsDocument"/>, the same ECS JSON as the log lines, with no reflection (the host is native AOT). Only
/// writes: shipping never reads a document back.
/// </summary>
internal sealed class EcsEventSerializer : Serializer
{
    public override void Serialize<T>(T data, Stream stream, SerializationFormatting formatting = SerializationFormatting.None) =>
        Write(data, stream);

    public override void Serialize(object? data, Type type, Stream stream, SerializationFormatting formatting = SerializationFormatting.None,
        CancellationToken cancellationToken = default) => Write(data, stream);

    public override Task SerializeAsync<T>(T data, Stream stream, SerializationFormatting formatting = SerializationFormatting.None,
        CancellationToken cancellationToken = default)
    {
        Write(data, stream);
        return Task.CompletedTask;
    }

    public override Task SerializeAsync(object? data, Type type, Stream stream, SerializationFormatting formatting = SerializationFormatting.None,
        CancellationToken cancellationToken = default)
    {
        Write(data, stream);
        return Task.CompletedTask;
    }

    public override T Deserialize<T>(Stream stream) => throw ReadsNothing();
    public override object Deserialize(Type type, Stream stream) => throw ReadsNothing();
    public override ValueTask<T> DeserializeAsync<T>(Stream stream, CancellationToken cancellationToken = default) => throw ReadsNothing();
    public override ValueTask<object?> DeserializeAsync(Type type, Stream stream, CancellationToken cancellationToken = default) => throw ReadsNothing();

    private static void Write(object? data, Stream stream)
    {
        if (data is not PredictionEvent e) throw new NotSupportedException($"Only prediction events are shipped, not {data?.GetType().Name ?? "null"}.");
        using var json = new Utf8JsonWriter(stream);
        EcsDocument.Write(json, e);
    }

    private static NotSupportedException ReadsNothing() => new("Shipping writes prediction events; it reads no documents back.");
}
