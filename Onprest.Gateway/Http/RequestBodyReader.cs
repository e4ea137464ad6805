using System.Buffers;

namespace Onprest.Gateway.Http;

/// <summary>
/// Reads a REST or MCP body through the configured limit and the 15 s deadline (docs/gateway.md). A body of
/// exactly the limit is accepted; one byte more (declared or as it arrives) is <see cref="RequestBody.TooLarge"/>,
/// which callers answer 413 <c>GATEWAY_REQUEST_TOO_LARGE</c>; a late body or an aborted read has no bytes and is an
/// invalid body. The server's own limit is set one byte above ours, so this reader always decides first.
/// </summary>
public sealed class RequestBodyReader(BodyReadOptions options)
{
    /// <summary>
    /// Declared lengths up to this are allocated before the bytes arrive. A larger declaration is only a claim: its
    /// buffer grows as bytes actually come, so a slow client cannot make the gateway hold the whole limit per
    /// connection by announcing it.
    /// </summary>
    internal const int UpfrontBytes = 64 * 1024;

    public async Task<RequestBody> ReadAsync(HttpContext context)
    {
        var edge = EdgeRequest.Of(context);
        var remaining = options.Deadline - TimeSpan.FromMilliseconds(edge.ElapsedMilliseconds);
        if (remaining <= TimeSpan.Zero)
        {
            return RequestBody.Unreadable;
        }

        if (context.Request.ContentLength is { } declared && declared > options.MaxBytes)
        {
            return RequestBody.OverLimit;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(remaining);
        try
        {
            return context.Request.ContentLength is { } length and <= UpfrontBytes
                ? new RequestBody(await ReadDeclaredAsync(context.Request.Body, (int)length, deadline.Token), false)
                : await ReadGrowingAsync(context.Request.Body, options.MaxBytes, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return RequestBody.Unreadable;
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return RequestBody.OverLimit;
        }
        catch (IOException)
        {
            // Includes the server's other BadHttpRequestExceptions (malformed chunking, aborted body).
            return RequestBody.Unreadable;
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
    private static async Task<RequestBody> ReadGrowingAsync(Stream body, long limit, CancellationToken cancellationToken)
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
                    return new RequestBody(buffer.AsSpan(0, written).ToArray(), false);
                }

                written += read;
                if (written > limit)
                {
                    return RequestBody.OverLimit;
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

/// <summary>A request body as read: its bytes, or none with <see cref="TooLarge"/> telling an over-limit body from an unreadable one.</summary>
public readonly record struct RequestBody(byte[]? Bytes, bool TooLarge)
{
    public static RequestBody OverLimit => new(null, true);

    public static RequestBody Unreadable => new(null, false);
}
