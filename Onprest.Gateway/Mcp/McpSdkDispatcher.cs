using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Onprest.Contracts;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// Hands one accepted message to a stateless, per-request SDK server (mcp.md §8 implementation note) and returns
/// its single response. The caller's JSON-RPC id never reaches the SDK: the SDK's <see cref="RequestId"/> holds only
/// strings and 64-bit integers, while the gateway must echo any number exactly as received.
/// </summary>
public sealed class McpSdkDispatcher(IServiceProvider services)
{
    public const string ServerName = "onprest-gateway";

    public async Task<JsonRpcMessage> DispatchAsync(string method, JsonNode? parameters, string version, McpServerHandlers handlers, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = ServerName, Version = BuildInfo.Version },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            ProtocolVersion = version,
            Handlers = handlers,
            KnownClientInfo = new Implementation { Name = "stateless", Version = "0" },
        };

        await using var transport = new SingleMessageTransport();
        await using var server = McpServer.Create(transport, options, NullLoggerFactory.Instance, services);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = server.RunAsync(stop.Token);
        await transport.DeliverAsync(new JsonRpcRequest { Id = new RequestId(1), Method = method, Params = parameters }, cancellationToken);
        try
        {
            return await transport.Response.WaitAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                // The per-request server ends with its one response.
            }
        }
    }
}
