using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>JSON bodies of the agent endpoints (docs/gateway.md), written with <see cref="Utf8JsonWriter"/>.</summary>
internal static class TunnelHttpResponses
{
    public static Task ErrorAsync(HttpContext context, int status, PublicError error, string? allow = null)
    {
        context.Response.StatusCode = status;
        if (allow is not null)
        {
            context.Response.Headers.Allow = allow;
        }

        return JsonAsync(context, json =>
        {
            json.WriteStartObject("error");
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        });
    }

    /// <summary>One JSON object plus a line feed, <c>application/json</c>, <c>no-store</c>.</summary>
    public static async Task JsonAsync(HttpContext context, Action<Utf8JsonWriter> writeMembers)
    {
        var buffer = new MemoryStream(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Steps 1–2 of docs/tunnel-protocol.md, shared by the challenge and verify endpoints: a POST without a body, or the
    /// answer (405 with <c>Allow: POST</c>, or 400) is written and false returned.
    /// </summary>
    public static async Task<bool> AcceptEmptyPostAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, PublicErrors.UsePost, "POST").ConfigureAwait(false);
            return false;
        }

        if (await HasBodyAsync(context.Request).ConfigureAwait(false))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, PublicErrors.BodyMustBeEmpty).ConfigureAwait(false);
            return false;
        }

        return true;
    }

    /// <summary>
    /// docs/tunnel-protocol.md step 2 and step 2: a body is present when <c>Content-Length</c> is above zero or any byte
    /// can be read (chunked bodies).
    /// </summary>
    public static async Task<bool> HasBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > 0)
        {
            return true;
        }

        if (request.ContentLength == 0)
        {
            return false;
        }

        var probe = new byte[1];
        return await request.Body.ReadAsync(probe, request.HttpContext.RequestAborted).ConfigureAwait(false) > 0;
    }
}
