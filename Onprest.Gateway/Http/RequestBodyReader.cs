using System.Buffers;

namespace Onprest.Gateway.Http;

/// <summary>
/// Reads a REST or MCP body through the configured limit and the 15 s deadline (gateway-http.md §8). A body of
/// exactly the limit is accepted; one byte more, a late body or an aborted read all give null, which callers
/// answer as an invalid body (never a bare 413: the server's own limit is lifted in <c>AddGatewayServer</c>).
/// </summary>
public sealed class RequestBodyReader(BodyReadOptions options)
{
    public async Task<byte[]?> ReadAsync(HttpContext context)
    {
        var edge = EdgeRequest.Of(context);
        var remaining = options.Deadline - TimeSpan.FromMilliseconds(edge.ElapsedMilliseconds);
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        if (context.Request.ContentLength is { } declared && declared > options.MaxBytes)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(remaining);
        var limit = options.MaxBytes;
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(limit + 1, 16 * 1024));
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory((int)Math.Min(limit + 1 - buffer.WrittenCount, 64 * 1024));
                var read = await context.Request.Body.ReadAsync(memory, deadline.Token);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException)
        {
            // Includes the server's BadHttpRequestException (size limit, malformed chunking, aborted body).
            return null;
        }
    }
}
