using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;

namespace Onprest.Gateway.Mcp;

/// <summary>
/// An in-memory transport carrying one request into a per-request SDK server and its one response back out:
/// the stateless form of mcp.md (no event streams, no sessions). Anything else the server sends is dropped.
/// </summary>
internal sealed class SingleMessageTransport : TransportBase
{
    private readonly TaskCompletionSource<JsonRpcMessage> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SingleMessageTransport()
        : base("onprest-mcp", NullLoggerFactory.Instance) => SetConnected();

    public Task<JsonRpcMessage> Response => _response.Task;

    public Task DeliverAsync(JsonRpcMessage message, CancellationToken cancellationToken) =>
        WriteMessageAsync(message, cancellationToken);

    public override Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (message is JsonRpcResponse or JsonRpcError)
        {
            _response.TrySetResult(message);
        }

        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        SetDisconnected();
        _response.TrySetCanceled();
        return ValueTask.CompletedTask;
    }
}
