using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Rest;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The metadata fetch of docs/tunnel-protocol.md: up to 5 attempts for one connection, pauses 100/200/400/800 ms, stopping
/// as soon as that connection is no longer attached. Only the code and mapped status of an error are logged.
/// </summary>
internal sealed class MetadataFetcher
{
    private const int MaxAttempts = 5;
    private readonly AgentTunnel _tunnel;
    private readonly IOpenApiFinalizer _finalizer;
    private readonly TunnelEvents _events;
    private readonly TunnelTimings _timings;
    private readonly TimeProvider _time;
    private readonly bool _emitSnapshot;

    public MetadataFetcher(AgentTunnel tunnel, IOpenApiFinalizer finalizer, TunnelEvents events, TunnelTimings timings, TimeProvider time, bool emitSnapshot)
    {
        _tunnel = tunnel;
        _finalizer = finalizer;
        _events = events;
        _timings = timings;
        _time = time;
        _emitSnapshot = emitSnapshot;
    }

    public async Task RunAsync(AgentConnection connection)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (!IsCurrent(connection))
            {
                return;
            }

            if (await TryOnceAsync(connection, attempt).ConfigureAwait(false))
            {
                return;
            }

            if (attempt == MaxAttempts || !IsCurrent(connection))
            {
                return;
            }

            await Task.Delay(_timings.MetadataRetryPauses[attempt - 1], _time).ConfigureAwait(false);
        }
    }

    private bool IsCurrent(AgentConnection connection) => _tunnel.IsAttached(connection);

    private async Task<bool> TryOnceAsync(AgentConnection connection, int attempt)
    {
        var id = Ulid.NewUlid().ToString();
        var frame = RequestFrame.TryBuild(id, TunnelProtocol.MetaCapability, "{}"u8.ToArray(), null, null)!;
        var reply = await _tunnel.SendWithDeadlineAsync(connection, id, frame, CancellationToken.None).ConfigureAwait(false);
        if (reply.Error is not null)
        {
            if (IsCurrent(connection))
            {
                _events.OpenApiFetchFailed(attempt, reply.Error.Code, AgentErrorStatus.For(reply.Error.Code));
            }

            return false;
        }

        if (reply.Result is null)
        {
            _events.OpenApiParseFailed(attempt, "metadata result is missing");
            return false;
        }

        if (!MetadataParser.TryParse(reply.Result, out var data, out var kinds, out var error))
        {
            _events.OpenApiParseFailed(attempt, error);
            return false;
        }

        byte[] finalized;
        int paths;
        try
        {
            finalized = _finalizer.Finalize(data);
            paths = MetadataParser.CountPaths(finalized);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            _events.OpenApiParseFailed(attempt, "metadata document could not be finalized");
            return false;
        }

        if (!_tunnel.TryCache(connection, new AgentMetadata(finalized, kinds)))
        {
            // A result for an older connection is never cached.
            return true;
        }

        _events.OpenApiCached(paths);
        if (_emitSnapshot)
        {
            _events.OpenApiSnapshot(paths, finalized);
        }

        return true;
    }
}
