using Microsoft.Net.Http.Headers;
using Onprest.Contracts.Errors;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth.OAuth;

/// <summary>
/// The <c>WWW-Authenticate</c> header of 401 and 403 answers. Every 401 says <c>Bearer</c>; with OAuth on it also
/// points at the protected resource metadata (how MCP clients discover the issuer), says <c>invalid_token</c> when a
/// token was presented, and a 403 to a token caller says <c>insufficient_scope</c> with the scope that would grant it.
/// </summary>
public static class AuthChallenges
{
    public static void Apply(HttpContext context, int status, PublicError error)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            var settings = context.RequestServices.GetService<GatewayOptions>()?.OAuth;
            context.Response.Headers[HeaderNames.WWWAuthenticate] = settings is null
                ? "Bearer"
                : context.Features.Get<OAuthAttempt>() is null
                    ? $"Bearer resource_metadata=\"{settings.ResourceMetadataUrl(context.Request.Path.Value ?? string.Empty)}\""
                    : $"Bearer error=\"invalid_token\", resource_metadata=\"{settings.ResourceMetadataUrl(context.Request.Path.Value ?? string.Empty)}\"";
            return;
        }

        if (status == StatusCodes.Status403Forbidden && error.Code == ErrorCodes.GatewayCapabilityDenied
            && context.Features.Get<OAuthCaller>() is { } caller
            && context.RequestServices.GetService<GatewayOptions>()?.OAuth is { } oauth)
        {
            var scope = caller.DeniedCapability is { } capability && IsPlainName(capability)
                ? $", scope=\"{Quoted(OAuthCaller.ScopeFor(oauth, capability))}\""
                : string.Empty;
            context.Response.Headers[HeaderNames.WWWAuthenticate] =
                $"Bearer error=\"insufficient_scope\"{scope}, resource_metadata=\"{oauth.ResourceMetadataUrl(context.Request.Path.Value ?? string.Empty)}\"";
        }
    }

    // A tool name arrives in the caller's JSON; only a plain name goes into a header.
    private static bool IsPlainName(string name) =>
        name.Length is > 0 and <= 128 && name.AsSpan().IndexOfAnyExcept(NameCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    // Capability names are [A-Za-z0-9_]; the prefix comes from configuration. Quote-escaping keeps the header well formed anyway.
    private static string Quoted(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
