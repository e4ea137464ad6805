using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Onprest.Gateway.Http;

namespace Onprest.Gateway.Auth;

/// <summary>
/// The API-key scheme. Routes call it at their own step of the spec's check order (REST first, <c>/openapi.json</c>
/// after the method, <c>/mcp</c> after the origin), so it is not a default scheme; the outcome, including the
/// "busy" answer that a plain success/failure cannot express, is kept in an <see cref="ApiKeyOutcome"/> feature.
/// </summary>
/// <remarks>
/// The token is read and verified without allocating (a header slice, a cached outcome). The principal and ticket
/// are still built per request on purpose: <see cref="ClaimsPrincipal"/>, <see cref="ClaimsIdentity"/> and
/// <see cref="AuthenticationProperties"/> are mutable and every <see cref="IClaimsTransformation"/> receives the
/// principal to change in place, so one cached per key could carry one request's changes into another's; the
/// authentication service also wraps each result in a new ticket anyway, so a cache would save only a few small
/// objects. What is avoided is the copy of the name claim: created already bound to its identity, the identity
/// keeps it instead of cloning it.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The derived source (forwarded headers applied) once the edge has run; the TCP peer for a handler used alone.
        var source = Context.Features.Get<EdgeRequest>()?.SourceAddress ?? Context.Connection.RemoteIpAddress ?? IPAddress.IPv6None;
        var outcome = ReadAndVerify(source, out var pending);
        if (pending is not null)
        {
            // The same key is being verified for another request: share its result instead of starting again.
            outcome = await pending;
        }

        Context.Features.Set(outcome);
        if (outcome.Key is not { } key)
        {
            return AuthenticateResult.Fail(outcome.Error!.Message);
        }

        var identity = new ClaimsIdentity(Scheme.Name);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Name, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>Separate from the async method: the token is a span over the header and cannot live across an await.</summary>
    private ApiKeyOutcome ReadAndVerify(IPAddress source, out Task<ApiKeyOutcome>? pending)
    {
        pending = null;
        return ApiKeyHeaders.TryReadToken(Request.Headers, out var token) ? verifier.Verify(token, source, out pending) : ApiKeyOutcome.Invalid;
    }
}
