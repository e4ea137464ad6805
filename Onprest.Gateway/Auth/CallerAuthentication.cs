using Microsoft.AspNetCore.Authentication;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Auth.OAuth;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth;

/// <summary>
/// The authentication step of every route: an OAuth access token when the OAuth mode is on and the request presents
/// a JWT as its bearer token, else an API key. One request is never authenticated by both: a JWT together with an
/// <c>X-API-Key</c> header is refused.
/// </summary>
public static class CallerAuthentication
{
    private static readonly ApiKeyOutcome InvalidToken = new(null, StatusCodes.Status401Unauthorized, PublicErrors.InvalidAccessToken);

    public static async Task<ApiKeyOutcome> AuthenticateCallerAsync(this HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<GatewayOptions>().OAuth;
        if (settings is null || !PresentsJwt(context.Request.Headers))
        {
            return await context.AuthenticateApiKeyAsync();
        }

        context.Features.Set(OAuthAttempt.Presented);
        if (context.Request.Headers[ApiKeyHeaders.ApiKeyHeader].Count > 0)
        {
            return InvalidToken;
        }

        var result = await context.AuthenticateAsync(OAuthDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return InvalidToken;
        }

        var caller = OAuthCaller.From(result.Principal, settings);
        context.Features.Set(caller);
        return ApiKeyOutcome.Success(caller.Entry);
    }

    /// <summary>
    /// True for exactly one <c>Authorization: Bearer</c> value in JWS compact form (three base64url parts). API keys
    /// never contain a dot, so a key can never be mistaken for a token.
    /// </summary>
    internal static bool PresentsJwt(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization;
        if (authorization.Count != 1 || authorization[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        var token = value.AsSpan(7);
        return token.Count('.') == 2 && token.IndexOfAnyExcept(Base64UrlAndDot) < 0;
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlAndDot =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
}

/// <summary>Marks a request that presented an access token (for <c>error="invalid_token"</c> in the 401 challenge).</summary>
public sealed class OAuthAttempt
{
    public static readonly OAuthAttempt Presented = new();

    private OAuthAttempt()
    {
    }
}
