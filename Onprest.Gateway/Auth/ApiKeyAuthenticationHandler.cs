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
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ApiKeyHeaders.ReadToken(Request.Headers);
        var outcome = token is null ? ApiKeyOutcome.Invalid : verifier.Verify(token);
        Context.Features.Set(outcome);
        if (outcome.Key is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail(outcome.Error!.Message));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
