using System.Buffers;

namespace Onprest.Gateway.Http;

/// <summary>
/// Reads a REST or MCP body through the configured limit and the 15 s deadline (gateway-http.md §8). A body of
/// exactly the limit is accepted; one byte more, a late body or an aborted read all give null, which callers
/// answer as an invalid body (never a bare 413: the server's own limit is lifted in <c>AddGatewayServer</c>).
/// </summary>
public sealed class RequestBodyReader(BodyReadOptions options)
{
    /// <summary>
    /// Declared lengths up to this are allocated before the bytes arrive. A larger declaration is only a claim: its
    /// buffer grows as bytes actually come, so a slow client cannot make the gateway hold the whole limit per
    /// connection by announcing it.
    /// </summary>
    internal const int UpfrontBytes = 64 * 1024;

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
        try
        {
            return context.Request.ContentLength is { } length and <= UpfrontBytes
                ? await ReadDeclaredAsync(context.Request.Body, (int)length, deadline.Token)
                : await ReadGrowingAsync(context.Request.Body, options.MaxBytes, deadline.Token);
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

    /// <summary>
    /// The usual case: a small declared length (already within the limit) is read straight into an array of that size —
    /// no growing buffer and no final copy. The server never hands out more than the declared length and reports a
    /// shorter body as an error; the final read confirms the end.
    /// </summary>
    private static async Task<byte[]?> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var buffer = length == 0 ? [] : new byte[length];
        var filled = 0;
        while (filled < length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            filled += read;
        }

        var extra = new byte[1];
        return await body.ReadAsync(extra, cancellationToken) == 0 ? buffer : null;
    }

    /// <summary>A chunked or large body: pooled segments, grown as bytes arrive up to limit + 1, copied out once.</summary>
    private static async Task<byte[]?> ReadGrowingAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, 4 * 1024));
        var written = 0;
        try
        {
            while (true)
            {
                if (written == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(limit + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, written).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                var room = (int)Math.Min(limit + 1 - written, buffer.Length - written);
                var read = await body.ReadAsync(buffer.AsMemory(written, room), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, written).ToArray();
                }

                written += read;
                if (written > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            // Bodies carry callers' params: never leave them in a shared pool.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
