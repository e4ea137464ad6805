using Microsoft.Extensions.Configuration;

namespace Onprest.AppHost.Tests;

/// <summary>The AppHost's switches: every bad value is reported at once, by name, before anything starts.</summary>
public sealed class AppHostOptionsTests
{
    private static AppHostOptions Parse(params string[] args)
    {
        Assert.True(AppHostOptions.TryRead(Configuration(args), out var options, out var errors), string.Join("; ", errors));
        return options;
    }

    private static IConfiguration Configuration(string[] args) => new ConfigurationBuilder().AddCommandLine(args).Build();

    [Fact]
    public void Defaults_to_automatic_database_choice_an_allocated_port_and_a_generated_key()
    {
        var options = Parse();

        Assert.Equal(DatabaseMode.Auto, options.Database);
        Assert.Null(options.GatewayPort);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [InlineData("sqlite", "Sqlite")]
    [InlineData("POSTGRES", "Postgres")]
    [InlineData("auto", "Auto")]
    public void Database_switch_is_read(string value, string expected) =>
        Assert.Equal(expected, Parse("--database", value).Database.ToString());

    [Fact]
    public void Bad_values_are_all_reported_together()
    {
        var ok = AppHostOptions.TryRead(Configuration(["--database", "oracle", "--gateway-port", "70000", "--api-key", "short"]), out _, out var errors);

        Assert.False(ok);
        Assert.Equal(3, errors.Count);
        Assert.Contains("database must be auto, postgres or sqlite (got 'oracle')", errors);
        Assert.Contains("gateway-port must be a port number from 1 to 65535 (got '70000')", errors);
        Assert.Contains("api-key must be at least 32 characters (or leave it out: a random key is generated)", errors);
        Assert.DoesNotContain(errors, e => e.Contains("short", StringComparison.Ordinal));
    }
}
