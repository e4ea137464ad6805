using Onprest.Agent.Dispatch;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tunnel;

/// <summary>
/// The connection loop: challenge (10 s), sign, connect and upgrade (10 s), serve, then wait as
/// <see cref="ReconnectBackoff"/> says (1 s doubling to 30 s, with jitter; back to 1 s after a healthy session);
/// the first attempt starts at once. An unusable private key ends the agent with exit status 1.
/// </summary>
internal sealed class GatewayConnectionLoop
{
    private readonly Uri _gatewayUrl;
    private readonly byte[] _privateKeySeed;
    private readonly IGatewaySessionFactory _sessions;
    private readonly AgentEventWriter _events;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly ReconnectBackoff _backoff;

    public GatewayConnectionLoop(Uri gatewayUrl, byte[] privateKeySeed, IGatewaySessionFactory sessions, AgentEventWriter events, TunnelTimings timings, TimeProvider time, Func<double>? jitter = null)
    {
        _backoff = new ReconnectBackoff(timings, jitter);
        _gatewayUrl = gatewayUrl;
        _privateKeySeed = privateKeySeed;
        _sessions = sessions;
        _events = events;
        _timings = timings;
        _time = time;
    }

    /// <summary>The public reason of a fatal stop (for <c>agent stopped: &lt;reason&gt;</c>), null otherwise.</summary>
    public string? FatalReason { get; private set; }

    /// <summary>Runs until <paramref name="stopping"/>; returns the process exit status (0 after a stop request, 1 after agent_auth_failed).</summary>
    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var address = GatewayAddress.From(_gatewayUrl);
        using var challenges = new ChallengeClient(_timings.ChallengeTimeout);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                string challenge;
                try
                {
                    challenge = await challenges.FetchAsync(address.ChallengeUri, stopping).ConfigureAwait(false);
                }
                catch (TunnelConnectException ex)
                {
                    _events.GatewayConnectFailed(ex.Message);
                    await Task.Delay(_backoff.Next(), _time, stopping).ConfigureAwait(false);
                    continue;
                }

                SignedHandshake handshake;
                try
                {
                    using var signer = HandshakeSigner.Create(_privateKeySeed, _time);
                    handshake = signer.Sign(address.Path, challenge);
                }
                catch (TunnelConnectException ex)
                {
                    _events.AgentAuthFailed(ex.Message);
                    FatalReason = ex.Message;
                    return 1;
                }

                System.Net.WebSockets.WebSocket socket;
                ActivityStream activity;
                try
                {
                    (socket, activity) = await WebSocketUpgrade.ConnectAsync(address, handshake, _timings.ConnectTimeout, _time, stopping).ConfigureAwait(false);
                }
                catch (TunnelConnectException ex)
                {
                    _events.GatewayConnectFailed(ex.Message);
                    await Task.Delay(_backoff.Next(), _time, stopping).ConfigureAwait(false);
                    continue;
                }

                _events.GatewayConnected();
                var connected = _time.GetTimestamp();
                var answered = false;
                string reason;
                try
                {
                    var session = new AgentTunnelSession(socket, activity, _sessions.Open(), _events, _timings, _time);
                    reason = await session.ServeAsync(stopping).ConfigureAwait(false);
                    answered = session.Answered;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    // The last line of defence: a connection that failed in a way nobody foresaw is dialled again,
                    // never the end of the agent.
                    socket.Abort();
                    reason = "connection closed after an unexpected error: " + ex.GetType().Name;
                }

                _events.GatewayDisconnected(reason);
                if (_backoff.IsHealthy(_time.GetElapsedTime(connected), answered))
                {
                    _backoff.Reset();
                }

                await Task.Delay(_backoff.Next(), _time, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        return 0;
    }
}
