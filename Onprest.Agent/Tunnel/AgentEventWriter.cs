using System.Text;
using System.Text.Json;
using Onprest.Contracts.Text;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// The agent's stdout events (docs/configuration.md): <c>{"ts":…,"event":…}</c> plus the event's fields, one whole line
/// each. Error texts never carry keys, database details, SQL, params or response bodies.
/// </summary>
internal sealed class AgentEventWriter
{
    private readonly TextWriter _output;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public AgentEventWriter(TextWriter output, TimeProvider time)
    {
        _output = output;
        _time = time;
    }

    public void AgentReady(int capabilities, string driver, int maxConcurrentRequests) => Write("agent_ready", json =>
    {
        json.WriteNumber("capabilities", capabilities);
        json.WriteString("driver", driver);
        json.WriteNumber("max_concurrent_requests", maxConcurrentRequests);
    });

    public void GatewayConnectFailed(string error) => Write("gateway_connect_failed", json => json.WriteString("error", error));

    public void GatewayConnected() => Write("gateway_connected", null);

    public void GatewayDisconnected(string error) => Write("gateway_disconnected", json => json.WriteString("error", error));

    public void GatewayWriteFailed(string error) => Write("gateway_write_failed", json => json.WriteString("error", error));

    public void AgentAuthFailed(string error) => Write("agent_auth_failed", json => json.WriteString("error", error));

    private void Write(string name, Action<Utf8JsonWriter>? fields)
    {
        var buffer = new MemoryStream(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", Rfc3339.Format(_time.GetUtcNow()));
            json.WriteString("event", name);
            fields?.Invoke(json);
            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
        lock (_gate)
        {
            _output.Write(line);
            _output.Flush();
        }
    }
}
