using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Auth.OAuth;

namespace Onprest.Gateway.Http;

/// <summary>The one error body of docs/gateway.md: <c>{"error":{"code","message"}}</c> plus a line feed.</summary>
public static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int status, PublicError error, string? allow = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        if (allow is not null)
        {
            response.Headers[HeaderNames.Allow] = allow;
        }

        AuthChallenges.Apply(context, status, error);

        var body = Encode(error);
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public static byte[] Encode(PublicError error)
    {
        var buffer = new MemoryStream(96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
