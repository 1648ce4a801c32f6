using System.Buffers;
using System.Text.Json;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Logging;

/// <summary>
/// Renders prediction events as ECS JSON lines (UTF-8, newline included) into buffers reused from line to line, so a
/// line costs its bytes and no garbage; one per sink (not thread-safe).
/// </summary>
internal sealed class EcsLine
{
    private readonly ArrayBufferWriter<byte> _bytes = new(1024);
    private readonly Utf8JsonWriter _json;

    public EcsLine() => _json = new Utf8JsonWriter(_bytes);

    /// <summary>The event's line, valid until the next call.</summary>
    public ReadOnlySpan<byte> Render(PredictionEvent prediction)
    {
        _bytes.ResetWrittenCount();
        _json.Reset(_bytes);
        EcsDocument.Write(_json, prediction);
        _json.Flush();
        _bytes.Write("\n"u8);
        return _bytes.WrittenSpan;
    }
}
