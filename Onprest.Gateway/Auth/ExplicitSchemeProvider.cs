using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Onprest.Gateway.Auth;

/// <summary>
/// Scheme lookup without defaults. With a single registered scheme ASP.NET Core makes it the default, and the
/// authentication middleware that <c>WebApplication</c> adds on its own would then verify every request's key
/// before the IP allow list and the rate limit — bcrypt work for <c>/healthz</c>, unknown paths and blocked
/// sources. Here nothing is a default, so only the routes authenticate, each at its own step.
/// </summary>
public sealed class ExplicitSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);

    public override Task<AuthenticationScheme?> GetDefaultChallengeSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);

    public override Task<AuthenticationScheme?> GetDefaultForbidSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);

    public override Task<AuthenticationScheme?> GetDefaultSignInSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);

    public override Task<AuthenticationScheme?> GetDefaultSignOutSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);
}
