using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary><c>GET /ws/agent</c>: verification in the order of docs/tunnel-protocol.md, then the live session.</summary>
internal sealed class AgentWebSocketEndpoint
{
    private readonly AgentHandshakeValidator _validator;
    private readonly AgentTunnel _tunnel;
    private readonly MetadataFetcher _metadata;
    private readonly TunnelEvents _events;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime? _lifetime;

    public AgentWebSocketEndpoint(AgentHandshakeValidator validator, AgentTunnel tunnel, MetadataFetcher metadata, TunnelEvents events, TunnelTimings timings, TimeProvider time, IHostApplicationLifetime? lifetime)
    {
        _validator = validator;
        _tunnel = tunnel;
        _metadata = metadata;
        _events = events;
        _timings = timings;
        _time = time;
        _lifetime = lifetime;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UseGet, "GET").ConfigureAwait(false);
            return;
        }

        if (!_validator.Validate(context.Request, HandshakeDomain.WebSocket, out var slot))
        {
            await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status401Unauthorized, PublicErrors.InvalidAgentSignature).ConfigureAwait(false);
            return;
        }

        var remote = RemoteAddress.Of(context);
        // One live connection per key: a second agent with a key that is connected is refused (docs/agent-pool.md).
        if (!_tunnel.TryReserve(slot))
        {
            _events.AgentRejected(remote);
            await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status409Conflict, PublicErrors.AgentAlreadyConnected).ConfigureAwait(false);
            return;
        }

        WebSocket socket;
        try
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                _tunnel.ReleaseReservation(slot);
                _events.AgentUpgradeFailed("websocket upgrade required");
                await TunnelHttpResponses.ErrorAsync(context, StatusCodes.Status400BadRequest, PublicErrors.WebSocketUpgradeRequired).ConfigureAwait(false);
                return;
            }

            // docs/tunnel-protocol.md: no extensions, no subprotocol; the platform pings every 15 s and aborts the
            // socket when no pong arrives within 10 s.
            socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                DangerousEnableCompression = false,
                KeepAliveInterval = _timings.PingInterval,
                KeepAliveTimeout = _timings.PongTimeout,
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or IOException)
        {
            _tunnel.ReleaseReservation(slot);
            _events.AgentUpgradeFailed("websocket accept failed");
            return;
        }

        var connection = new AgentConnection(socket, remote, _timings, _time, _events, _tunnel.Detach);
        _tunnel.Attach(connection, slot);
        _events.AgentConnected(remote);
        Telemetry.GatewayTelemetry.AgentSessionAccepted();
        _ = Task.Run(() => _metadata.RunAsync(connection), CancellationToken.None);
        try
        {
            var stopping = _lifetime?.ApplicationStopping ?? CancellationToken.None;
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping, context.RequestAborted);
            await connection.RunAsync(ended.Token).ConfigureAwait(false);
        }
        finally
        {
            _tunnel.Detach(connection);
            _events.AgentDisconnected();
            socket.Dispose();
        }
    }
}
