using Microsoft.Net.Http.Headers;

namespace Onprest.Gateway.Auth;

/// <summary>Reads the caller's token as gateway-http.md §5.2 describes (decision D28 for repeated headers).</summary>
public static class ApiKeyHeaders
{
    public const string ApiKeyHeader = "X-API-Key";
    private const string BearerPrefix = "Bearer ";

    /// <summary>The token, or null when a header is repeated or no token is present (401 without bcrypt work).</summary>
    public static string? ReadToken(IHeaderDictionary headers)
    {
        var authorization = headers[HeaderNames.Authorization];
        var apiKey = headers[ApiKeyHeader];
        if (authorization.Count > 1 || apiKey.Count > 1)
        {
            return null;
        }

        var token = authorization.Count == 1 ? authorization[0] ?? string.Empty : string.Empty;
        if (token.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            token = token[BearerPrefix.Length..];
        }

        if (token.Length == 0)
        {
            token = apiKey.Count == 1 ? apiKey[0] ?? string.Empty : string.Empty;
        }

        return token.Length == 0 ? null : token;
    }
}
