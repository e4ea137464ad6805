namespace Onprest.Gateway.Auth;

/// <summary>Reads the caller's token as docs/gateway.md describes ( for repeated headers).</summary>
public static class ApiKeyHeaders
{
    public const string ApiKeyHeader = "X-API-Key";
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The token as a slice of the header value (no substring: it only feeds the verifier's hash), or false when a
    /// header is repeated or no token is present (401 without bcrypt work). An <c>Authorization</c> value that starts
    /// with exactly <c>"Bearer "</c> loses that prefix, a value of exactly <c>"Bearer"</c> is empty; an empty result
    /// falls back to <c>X-API-Key</c>.
    /// </summary>
    public static bool TryReadToken(IHeaderDictionary headers, out ReadOnlySpan<char> token)
    {
        // The typed property is a field read on Kestrel's header collection rather than a name lookup.
        var authorization = headers.Authorization;
        var apiKey = headers[ApiKeyHeader];
        if (authorization.Count > 1 || apiKey.Count > 1)
        {
            token = default;
            return false;
        }

        // A null value reads as empty, exactly as the former "?? string.Empty".
        token = authorization.Count == 1 ? authorization[0] : default;
        if (token.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            token = token[BearerPrefix.Length..];
        }
        else if (token.SequenceEqual(BearerPrefix.AsSpan(0, BearerPrefix.Length - 1)))
        {
            // "Bearer " with nothing after it reaches the server as "Bearer" (trailing whitespace is not part of a
            // header value), so the word alone is an empty token too and X-API-Key is used.
            token = default;
        }

        if (token.IsEmpty)
        {
            token = apiKey.Count == 1 ? apiKey[0] : default;
        }

        return !token.IsEmpty;
    }
}
