using Onprest.Agent.Capabilities;
using Onprest.Agent.Logging;
using Onprest.Agent.Tests.Support;

namespace Onprest.Agent.Tests.Logging;

public sealed class RedactorTests
{
    [Fact]
    public void Replaces_password_key_connection_string_and_sql()
    {
        var capability = TestCapabilities.Select("SELECT id FROM accounts WHERE email = $1", [TestCapabilities.Column("id")], parameterNames: ["email"]);
        var configuration = TestCapabilities.Configuration(new DatabaseSettings { Driver = DatabaseDriver.Postgres, Host = "db.internal", Port = 5432, Name = "n", User = "u", Password = "s3cr#t pw" }, [capability], "/tmp");
        var seed = Convert.ToBase64String(configuration.AgentPrivateKeySeed);
        var redactor = Redactor.For(configuration, ["Host=db.internal;Password=\"s3cr#t pw\""]);
        var text = redactor.Apply($"login failed for s3cr#t pw; key {seed}; cs Host=db.internal;Password=\"s3cr#t pw\"; stmt SELECT id FROM accounts WHERE email = $1 failed");
        Assert.Equal("login failed for [REDACTED]; key [REDACTED]; cs [REDACTED]; stmt [SQL REDACTED] failed", text);
        Assert.Contains("db.internal", redactor.Apply("host db.internal refused"));
    }

    [Fact]
    public void Empty_password_redacts_nothing()
    {
        var redactor = new Redactor([""], ["", "   "]);
        Assert.Equal("unchanged text", redactor.Apply("unchanged text"));
    }

    [Fact]
    public void Longer_secret_containing_a_shorter_one_is_removed_whole()
    {
        var redactor = new Redactor(["abc", "xxabcxx"], []);
        Assert.Equal("[REDACTED] and [REDACTED]", redactor.Apply("xxabcxx and abc"));
    }
}
