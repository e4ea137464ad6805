using Onprest.Gateway.Http;

namespace Onprest.Gateway.Configuration;

/// <summary>Registers <see cref="GatewayOptions"/>, read from the environment (via configuration) on first use.</summary>
public static class ConfigurationRegistration
{
    /// <summary>Not configurable (docs/gateway.md): the body read deadline.</summary>
    public static readonly TimeSpan BodyReadDeadline = TimeSpan.FromSeconds(15);

    public static WebApplicationBuilder AddGatewayConfiguration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            return GatewayConfigLoader.Load(name => configuration[name]);
        });
        builder.Services.AddSingleton(services =>
            new BodyReadOptions(services.GetRequiredService<GatewayOptions>().MaxRequestBodyBytes, BodyReadDeadline));
        builder.Services.AddSingleton<RequestBodyReader>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>Validates the configuration before anything listens: one <c>gateway config: &lt;message&gt;</c> line per problem on stderr.</summary>
    public static bool TryValidateGatewayConfiguration(this WebApplication app, TextWriter stderr)
    {
        try
        {
            _ = app.Services.GetRequiredService<GatewayOptions>();
            return true;
        }
        catch (GatewayConfigException exception)
        {
            foreach (var problem in exception.Problems)
            {
                stderr.WriteLine($"gateway config: {problem}");
            }

            return false;
        }
    }
}
