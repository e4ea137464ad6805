using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

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
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var outcome = ApiKeyHeaders.TryReadToken(Request.Headers, out var token) ? verifier.Verify(token) : ApiKeyOutcome.Invalid;
        Context.Features.Set(outcome);
        if (outcome.Key is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail(outcome.Error!.Message));
        }

        var identity = new ClaimsIdentity(Scheme.Name);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Name, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
