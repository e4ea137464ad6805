using System.Buffers;
using System.Text;
using System.Text.Json;
using Onprest.Contracts.Text;

namespace Onprest.Gateway.Logging;

/// <summary>
/// Writes the gateway's stdout events (docs/configuration.md): one whole JSON object per line, never interleaved.
/// Callers pass only the fields the spec names — never params, bodies, keys, SQL or agent detail.
/// The running gateway queues lines to a <see cref="StdoutEventSink"/>; tests and tools pass a <see cref="TextWriter"/>,
/// written synchronously.
/// </summary>
public sealed class GatewayEventLog
{
    // Per thread, reused: an event is formatted and handed off without leaving the thread.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    private readonly TextWriter? _output;
    private readonly StdoutEventSink? _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public GatewayEventLog(TextWriter output, TimeProvider time)
    {
        _output = output;
        _time = time;
    }

    public GatewayEventLog(StdoutEventSink sink, TimeProvider time)
    {
        _sink = sink;
        _time = time;
    }

    /// <summary>Writes one event: <c>event</c>, <c>timestamp</c>, then the members <paramref name="writeFields"/> adds.</summary>
    public void Write(string eventName, Action<Utf8JsonWriter>? writeFields = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("event", eventName);
        json.WriteString("timestamp", Rfc3339.Format(_time.GetUtcNow()));
        writeFields?.Invoke(json);
        json.WriteEndObject();
        json.Flush();

        buffer.Write("\n"u8);
        if (_sink is not null)
        {
            _sink.Write(buffer.WrittenSpan);
            return;
        }

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate)
        {
            _output!.Write(line);
            _output.Flush();
        }
    }
}
