using Onprest.Gateway.Logging;

namespace Onprest.Gateway.Tunnel;

/// <summary>The tunnel's control events (docs/configuration.md). Fields are only those the spec names; never frame contents.</summary>
internal sealed class TunnelEvents
{
    private readonly GatewayEventLog _log;

    public TunnelEvents(GatewayEventLog log) => _log = log;

    public void AgentConnected(string remote) => _log.Write("agent_connected", json => json.WriteString("remote", remote));

    public void AgentRejected(string remote) => _log.Write("agent_rejected", json =>
    {
        json.WriteString("reason", "already_connected");
        json.WriteString("remote", remote);
    });

    public void AgentUpgradeFailed(string error) => _log.Write("agent_upgrade_failed", json => json.WriteString("error", error));

    public void AgentDisconnected() => _log.Write("agent_disconnected");

    public void AgentBadMessage(string error) => _log.Write("agent_bad_message", json => json.WriteString("error", error));

    public void OpenApiCached(int paths) => _log.Write("openapi_cached", json => json.WriteNumber("paths", paths));

    public void OpenApiSnapshot(int paths, ReadOnlyMemory<byte> document) => _log.Write("openapi_snapshot", json =>
    {
        json.WriteNumber("paths", paths);
        json.WritePropertyName("openapi");
        json.WriteRawValue(document.Span, skipInputValidation: true);
    });

    public void OpenApiFetchFailed(int attempt, string code, int httpStatus) => _log.Write("openapi_fetch_failed", json =>
    {
        json.WriteNumber("attempt", attempt);
        json.WriteString("code", code);
        json.WriteNumber("http_status", httpStatus);
    });

    public void OpenApiParseFailed(int attempt, string error) => _log.Write("openapi_parse_failed", json =>
    {
        json.WriteNumber("attempt", attempt);
        json.WriteString("error", error);
    });
}
