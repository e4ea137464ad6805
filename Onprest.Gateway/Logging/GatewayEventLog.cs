using System.Text;
using System.Text.Json;
using Onprest.Contracts.Text;

namespace Onprest.Gateway.Logging;

/// <summary>
/// Writes the gateway's stdout events (logging.md §1): one whole JSON object per line, never interleaved.
/// Callers pass only the fields the spec names — never params, bodies, keys, SQL or agent detail (§1.4).
/// </summary>
public sealed class GatewayEventLog
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public GatewayEventLog(TextWriter output, TimeProvider time)
    {
        _output = output;
        _time = time;
    }

    /// <summary>Writes one event: <c>event</c>, <c>timestamp</c>, then the members <paramref name="writeFields"/> adds.</summary>
    public void Write(string eventName, Action<Utf8JsonWriter>? writeFields = null)
    {
        var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event", eventName);
            json.WriteString("timestamp", Rfc3339.Format(_time.GetUtcNow()));
            writeFields?.Invoke(json);
            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            _output.Write(line + "\n");
            _output.Flush();
        }
    }
}
