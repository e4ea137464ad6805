using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Onprest.Contracts;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// Hands one accepted message to the SDK's server core and returns its single response (docs/api.md: stateless, one
/// JSON response per POST). One long-lived SDK server runs per protocol revision — creating, running and cancelling
/// a server per request cost about 170 µs, 20 KB and three exceptions per call (bench/README.md) — and each request
/// carries its own handlers and its own response slot in the message context, so nothing of one caller's request is
/// visible to another's. The caller's JSON-RPC id never reaches the SDK: the SDK's <see cref="RequestId"/> holds only
/// strings and 64-bit integers, while the gateway must echo any number exactly as received; the SDK sees a private
/// counter instead.
/// </summary>
public sealed class McpSdkDispatcher(IServiceProvider services) : IAsyncDisposable
{
    public const string ServerName = "onprest-gateway";

    private const string RouteKey = "onprest.route";

    // Bounded: the endpoint validates the revision against McpProtocolVersions before dispatching.
    private readonly ConcurrentDictionary<string, Lazy<ServerCore>> _servers = new(StringComparer.Ordinal);
    private long _nextId;

    public async Task<JsonRpcMessage> DispatchAsync(string method, JsonNode? parameters, string version, McpServerHandlers handlers, CancellationToken cancellationToken)
    {
        var core = _servers.GetOrAdd(version, v => new Lazy<ServerCore>(() => ServerCore.Start(v, services, Forwarders())));
        var server = core.Value;
        var slot = new ResponseSlot();
        var request = new JsonRpcRequest
        {
            Id = new RequestId(Interlocked.Increment(ref _nextId)),
            Method = method,
            Params = parameters,
            Context = new JsonRpcMessageContext
            {
                RelatedTransport = slot,
                ExecutionContext = ExecutionContext.Capture(),
                Items = new Dictionary<string, object?>(1) { [RouteKey] = new Route(handlers, cancellationToken) },
            },
        };

        await server.DeliverAsync(request, cancellationToken).ConfigureAwait(false);

        // A server whose run has ended answers nothing more: the request fails (the edge answers 500) instead of
        // waiting for ever, and the next request starts a fresh server for the revision.
        if (await Task.WhenAny(slot.Response, server.Run).WaitAsync(cancellationToken).ConfigureAwait(false) != slot.Response)
        {
            _servers.TryRemove(KeyValuePair.Create(version, core));
            throw new InvalidOperationException("the MCP server core stopped");
        }

        return await slot.Response.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers.Values.Where(s => s.IsValueCreated))
        {
            await server.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The fixed handlers of the long-lived servers: each forwards to the handler its request brought along.</summary>
    private static McpServerHandlers Forwarders() => new()
    {
        ListToolsHandler = (context, _) => RouteOf(context.Items) is { Handlers.ListToolsHandler: { } handler } route
            ? handler(context, route.Aborted)
            : throw new InvalidOperationException("tools/list dispatched without its handler"),
        CallToolHandler = (context, _) => RouteOf(context.Items) is { Handlers.CallToolHandler: { } handler } route
            ? handler(context, route.Aborted)
            : throw new InvalidOperationException("tools/call dispatched without its handler"),
    };

    private static Route? RouteOf(IDictionary<string, object?>? items) =>
        items is not null && items.TryGetValue(RouteKey, out var route) ? route as Route : null;

    /// <summary>One request's handlers and the caller's disconnect, which the request's work observes.</summary>
    private sealed record Route(McpServerHandlers Handlers, CancellationToken Aborted);

    /// <summary>One SDK server pinned to a protocol revision, fed through an in-memory transport.</summary>
    private sealed class ServerCore : IAsyncDisposable
    {
        private readonly InboundTransport _transport;
        private readonly McpServer _server;
        private readonly CancellationTokenSource _stop = new();
        private ServerCore(InboundTransport transport, McpServer server)
        {
            _transport = transport;
            _server = server;
            Run = server.RunAsync(_stop.Token);
        }

        /// <summary>Completes only when the server stops: at shutdown, or if it fails.</summary>
        public Task Run { get; }

        public static ServerCore Start(string version, IServiceProvider services, McpServerHandlers handlers)
        {
            var options = new McpServerOptions
            {
                ServerInfo = new Implementation { Name = ServerName, Version = BuildInfo.Version },
                Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
                ProtocolVersion = version,
                Handlers = handlers,
                KnownClientInfo = new Implementation { Name = "stateless", Version = "0" },
            };
            var transport = new InboundTransport();
            return new ServerCore(transport, McpServer.Create(transport, options, NullLoggerFactory.Instance, services));
        }

        public Task DeliverAsync(JsonRpcMessage message, CancellationToken cancellationToken) => _transport.DeliverAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Run.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The server ends with the gateway.
            }

            await _server.DisposeAsync().ConfigureAwait(false);
            await _transport.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    /// <summary>Carries requests into a server; replies travel through each request's own slot, anything else is dropped.</summary>
    private sealed class InboundTransport : TransportBase
    {
        public InboundTransport()
            : base("onprest-mcp", NullLoggerFactory.Instance) => SetConnected();

        public Task DeliverAsync(JsonRpcMessage message, CancellationToken cancellationToken) => WriteMessageAsync(message, cancellationToken);

        public override Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            SetDisconnected();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The per-request "related transport" the SDK answers on (its stateless HTTP model): one response, kept.</summary>
    private sealed class ResponseSlot : ITransport
    {
        private static readonly ChannelReader<JsonRpcMessage> Nothing = CreateCompletedReader();
        private readonly TaskCompletionSource<JsonRpcMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<JsonRpcMessage> Response => _response.Task;

        public string? SessionId => null;

        public ChannelReader<JsonRpcMessage> MessageReader => Nothing;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            if (message is JsonRpcResponse or JsonRpcError)
            {
                _response.TrySetResult(message);
            }

            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            _response.TrySetCanceled();
            return ValueTask.CompletedTask;
        }

        private static ChannelReader<JsonRpcMessage> CreateCompletedReader()
        {
            var channel = Channel.CreateUnbounded<JsonRpcMessage>();
            channel.Writer.Complete();
            return channel.Reader;
        }
    }
}
