using System.Security.Claims;
using System.Text.Json;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth.OAuth;

/// <summary>
/// A request authenticated by an access token, kept as a request feature so the error responses can answer with
/// the OAuth challenge (<c>insufficient_scope</c>) that an API-key caller does not get.
/// </summary>
/// <param name="Entry">The caller as the routes see it: <c>oauth:&lt;sub&gt;</c> and the capabilities the token grants.</param>
public sealed record OAuthCaller(ApiKeyEntry Entry)
{
    /// <summary>Names are cut to this many code points in logs, as caller-chosen text is everywhere.</summary>
    public const int MaxSubjectCodePoints = 64;

    /// <summary>Set by a route that refused a capability, for the <c>scope</c> of the challenge.</summary>
    public string? DeniedCapability { get; set; }

    /// <summary>The caller for a validated token: its subject as the name, its permissions mapped to capability names.</summary>
    public static OAuthCaller From(ClaimsPrincipal principal, OAuthSettings settings)
    {
        var subject = principal.FindFirst("sub")?.Value ?? principal.FindFirst("client_id")?.Value ?? principal.FindFirst("azp")?.Value ?? "unknown";
        var capabilities = new List<string>();
        foreach (var claim in principal.FindAll(settings.PermissionsClaim))
        {
            foreach (var value in Values(claim))
            {
                if (value.StartsWith(settings.ScopePrefix, StringComparison.Ordinal) && value.Length > settings.ScopePrefix.Length)
                {
                    capabilities.Add(value[settings.ScopePrefix.Length..]);
                }
            }
        }

        return new OAuthCaller(new ApiKeyEntry(OAuthDefaults.CallerNamePrefix + Cut(subject), string.Empty, capabilities));
    }

    /// <summary>Records, for a token caller, which capability a route refused.</summary>
    public static void NoteDenied(HttpContext context, string capability)
    {
        if (context.Features.Get<OAuthCaller>() is { } caller)
        {
            caller.DeniedCapability = capability;
        }
    }

    /// <summary>The scope that would grant <paramref name="capability"/>.</summary>
    public static string ScopeFor(OAuthSettings settings, string capability) => settings.ScopePrefix + capability;

    // A scope claim is one space-separated string (RFC 8693 / RFC 9068); a roles-style claim is a JSON array, which
    // the JWT handler hands over as one claim per element, or as one JSON text when the array is nested oddly.
    private static IEnumerable<string> Values(Claim claim)
    {
        if (claim.ValueType == "JSON_ARRAY" || claim.Value.StartsWith('['))
        {
            string[]? parsed = null;
            try
            {
                parsed = JsonSerializer.Deserialize(claim.Value, OAuthJsonContext.Default.StringArray);
            }
            catch (JsonException)
            {
            }

            return parsed?.Where(v => v is not null) ?? [];
        }

        return claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Cut(string subject)
    {
        var enumerator = subject.EnumerateRunes();
        var count = 0;
        var end = 0;
        foreach (var rune in enumerator)
        {
            if (count == MaxSubjectCodePoints)
            {
                return subject[..end] + "…";
            }

            count++;
            end += rune.Utf16SequenceLength;
        }

        return subject;
    }
}
