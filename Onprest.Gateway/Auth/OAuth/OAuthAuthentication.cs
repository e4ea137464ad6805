using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Auth.OAuth;

/// <summary>
/// Registers the platform's JWT bearer handler for the OAuth mode. It is never a default scheme: the caller step
/// (<see cref="CallerAuthentication"/>) picks it only for a request that presents a JWT while OAuth is on.
/// </summary>
public static class OAuthAuthentication
{
    /// <summary>Asymmetric algorithms only: a symmetric one would need a shared secret, which the gateway never holds.</summary>
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static IServiceCollection AddOAuthAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(OAuthDefaults.AuthenticationScheme, _ => { });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddSingleton<ProtectedResourceMetadata>();
        return services;
    }

    public static WebApplication MapOAuthMetadata(this WebApplication app)
    {
        // Off: the well-known paths stay unrouted and answer the gateway's JSON 404 like any unknown path.
        if (app.Services.GetRequiredService<GatewayOptions>().OAuth is null)
        {
            return app;
        }

        var metadata = app.Services.GetRequiredService<ProtectedResourceMetadata>();
        app.Map(OAuthDefaults.ResourceMetadataPath, metadata.HandleAsync);
        app.Map(OAuthDefaults.McpResourceMetadataPath, metadata.HandleAsync);
        return app;
    }

    /// <summary>Reads the settings when the handler first needs them (the configuration is validated before that).</summary>
    private sealed class ConfigureJwtBearer(GatewayOptions gateway) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != OAuthDefaults.AuthenticationScheme || gateway.OAuth is not { } settings)
            {
                return;
            }

            options.MetadataAddress = settings.MetadataAddress;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.MapInboundClaims = false;
            options.IncludeErrorDetails = false;
            options.RefreshOnIssuerKeyNotFound = true;
            options.RefreshInterval = settings.KeyRefreshInterval;
            // Issuers publish the next key ahead of using it; an hourly refresh picks it up before the first token.
            options.AutomaticRefreshInterval = TimeSpan.FromHours(1);
            options.BackchannelTimeout = TimeSpan.FromSeconds(10);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidateIssuer = true,
                ValidAudiences = settings.Audiences,
                ValidateAudience = true,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = Algorithms,
                ClockSkew = settings.ClockSkew,
                NameClaimType = "sub",
            };
        }
    }
}
