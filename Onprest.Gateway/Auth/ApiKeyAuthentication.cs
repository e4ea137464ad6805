using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Auth;

/// <summary>Registration of the API-key scheme and the call the routes make at their authentication step.</summary>
public static class ApiKeyAuthentication
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<AuthenticationCache>();
        // Shared with the rate limiter: a source's share of the verification slots is counted per the same partition.
        services.TryAddSingleton<SourcePartition>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<IAuthenticationSchemeProvider, ExplicitSchemeProvider>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.AuthenticationScheme, configureOptions: null);
        return services;
    }

    /// <summary>Authenticates the request with the API-key scheme and returns the outcome (key, or status and error).</summary>
    public static async Task<ApiKeyOutcome> AuthenticateApiKeyAsync(this HttpContext context)
    {
        await context.AuthenticateAsync(ApiKeyDefaults.AuthenticationScheme);
        return context.Features.Get<ApiKeyOutcome>() ?? ApiKeyOutcome.Invalid;
    }
}
