using MySqlConnector;
using Npgsql;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;

namespace Onprest.Agent.Tests.Databases;

/// <summary>Structured connection settings (docs/agent-databases.md): any character in user, password and database name.</summary>
public sealed class ConnectionSettingsTests
{
    private const string Hostile = "we@ird :/?#%;='\" name";

    [Fact]
    public async Task Postgres_settings_round_trip_hostile_credentials()
    {
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Postgres, Host = "db", Port = 5432, Name = Hostile, User = Hostile, Password = Hostile }, 7);
        var parsed = new NpgsqlConnectionStringBuilder(engine.RedactionTexts[0]);
        Assert.Equal(Hostile, parsed.Database);
        Assert.Equal(Hostile, parsed.Username);
        Assert.Equal(Hostile, parsed.Password);
        Assert.Equal(8, parsed.MaxPoolSize);
        Assert.Equal(SslMode.Disable, parsed.SslMode);
    }

    [Fact]
    public async Task MySql_settings_round_trip_hostile_credentials()
    {
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.MySql, Host = "db", Port = 3306, Name = Hostile, User = Hostile, Password = Hostile, Tls = new TlsSettings { Mode = TlsMode.Require } }, 2);
        var parsed = new MySqlConnectionStringBuilder(engine.RedactionTexts[0]);
        Assert.Equal(Hostile, parsed.Database);
        Assert.Equal(Hostile, parsed.UserID);
        Assert.Equal(Hostile, parsed.Password);
        Assert.Equal(3u, parsed.MaximumPoolSize);
        Assert.Equal(MySqlSslMode.Required, parsed.SslMode);
        Assert.True(parsed.UseAffectedRows);
        Assert.False(parsed.TreatTinyAsBoolean);
    }

    [Theory]
    [InlineData(TlsMode.Require, SslMode.Require)]
    [InlineData(TlsMode.VerifyCa, SslMode.Require)]
    [InlineData(TlsMode.VerifyFull, SslMode.Require)]
    public async Task Postgres_tls_modes_always_demand_encryption(TlsMode mode, SslMode expected)
    {
        await using var engine = DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Postgres, Host = "db", Port = 5432, Name = "n", User = "u", Tls = new TlsSettings { Mode = mode } }, 1);
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(engine.RedactionTexts[0]).SslMode);
    }

    [Fact]
    public void Oracle_is_not_available()
    {
        var ex = Assert.Throws<DatabaseOpenException>(() => DatabaseEngineFactory.Create(new DatabaseSettings { Driver = DatabaseDriver.Oracle }, 1));
        Assert.Equal("database.driver oracle is not available in this build", ex.Message);
    }
}
