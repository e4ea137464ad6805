using Onprest.Agent.Capabilities;
using Onprest.Agent.Execution;
using Onprest.Agent.Tests.Support;
using static Onprest.Agent.Tests.Support.TestCapabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// docs/capability-yaml.md against the CI servers, which serve a certificate for <c>localhost</c>/<c>127.0.0.1</c>
/// signed by the CI CA (<c>ONPREST_TEST_TLS_CA_FILE</c>, docs/testing.md).
/// </summary>
public abstract class TlsSuite : IDisposable
{
    private readonly TempFolder _folder = new();

    protected TlsSuite(EngineTarget target)
    {
        Target = target;
    }

    protected EngineTarget Target { get; }

    /// <summary>A statement returning one row whose column <c>x</c> is non-empty only on an encrypted session.</summary>
    protected abstract string EncryptedProbeSql { get; }

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Require_encrypts_without_verifying()
    {
        var settings = Settings(new TlsSettings { Mode = TlsMode.Require });
        Assert.Equal("t", await EncryptedAsync(settings));
    }

    [Fact]
    public async Task Verify_full_accepts_the_right_ca_and_name()
    {
        var settings = Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = CaFile, ServerName = "localhost" });
        Assert.Equal("t", await EncryptedAsync(settings));
        var byIp = Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = CaFile });
        Assert.Equal("t", await EncryptedAsync(byIp));
    }

    [Fact]
    public async Task Verify_full_refuses_a_wrong_name()
    {
        await AssertPingFailsAsync(Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = CaFile, ServerName = "db.example.com" }));
    }

    [Fact]
    public async Task Verify_full_refuses_an_unrelated_ca()
    {
        await AssertPingFailsAsync(Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = OtherCaFile, ServerName = "localhost" }));
    }

    [Fact]
    public async Task Verify_full_without_ca_uses_the_system_store_and_refuses_a_private_ca()
    {
        await AssertPingFailsAsync(Settings(new TlsSettings { Mode = TlsMode.VerifyFull, ServerName = "localhost" }));
    }

    [Fact]
    public async Task Unreadable_ca_file_fails_the_open_stage()
    {
        var result = await ChecksAsync(Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = _folder.File("missing.pem") }));
        Assert.Equal("database_open", result.Stage);
        Assert.StartsWith("read database TLS CA: ", result.Detail);
    }

    [Fact]
    public async Task Ca_file_without_certificates_fails_the_open_stage()
    {
        var empty = _folder.File("empty.pem");
        File.WriteAllText(empty, "not a certificate\n");
        var result = await ChecksAsync(Settings(new TlsSettings { Mode = TlsMode.VerifyFull, CaFile = empty }));
        Assert.Equal("database_open", result.Stage);
        Assert.Equal("database.tls.ca_file contains no certificates", result.Detail);
    }

    [Fact]
    public async Task Unreadable_client_certificate_fails_the_open_stage()
    {
        if (Target.Name is not ("postgres" or "mysql"))
        {
            Assert.Skip("client certificates are postgres and mysql only");
        }

        var result = await ChecksAsync(Settings(new TlsSettings { Mode = TlsMode.Require, CertFile = _folder.File("c.pem"), KeyFile = _folder.File("k.pem") }));
        Assert.Equal("database_open", result.Stage);
        Assert.StartsWith("load database TLS client certificate: ", result.Detail);
    }

    protected static string CaFile => Environment.GetEnvironmentVariable("ONPREST_TEST_TLS_CA_FILE")!;

    protected static string OtherCaFile => Environment.GetEnvironmentVariable("ONPREST_TEST_TLS_OTHER_CA_FILE")!;

    protected DatabaseSettings Settings(TlsSettings tls)
    {
        if (Target.Owner is null)
        {
            Assert.Skip(Target.SkipReason);
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ONPREST_TEST_TLS_CA_FILE")))
        {
            Assert.Skip("ONPREST_TEST_TLS_CA_FILE is not set; run `source .ci/databases.sh` for TLS-enabled servers");
        }

        return Target.Owner! with { Tls = tls };
    }

    private async Task<string> EncryptedAsync(DatabaseSettings settings)
    {
        await using var engine = Onprest.Agent.Databases.DatabaseEngineFactory.Create(settings, 1);
        var outcome = await new CapabilityExecutor(engine, null).ExecuteAsync(Select(EncryptedProbeSql, [Column("x")]), [], "r", TestContext.Current.CancellationToken);
        var json = System.Text.Encoding.UTF8.GetString(Assert.IsType<ExecutionOutcome.Success>(outcome).ResultJson.Span);
        return json.Contains("\"x\":\"\"", StringComparison.Ordinal) || json.Contains("\"x\":null", StringComparison.Ordinal) || json.Contains("\"count\":0", StringComparison.Ordinal) ? "f" : "t";
    }

    private async Task AssertPingFailsAsync(DatabaseSettings settings)
    {
        var failure = await ChecksAsync(settings);
        Assert.Equal("database_ping", failure.Stage);
    }

    private async Task<DatabaseCheckFailure> ChecksAsync(DatabaseSettings settings)
    {
        await using var result = await DatabaseChecks.RunAsync(TestCapabilities.Configuration(settings, [], _folder.Path), TestContext.Current.CancellationToken);
        return Assert.IsType<DatabaseCheckFailure>(result.Failure);
    }
}

public sealed class PostgresTlsTests() : TlsSuite(new PostgresEnvTarget())
{
    protected override string EncryptedProbeSql => "SELECT CASE WHEN ssl THEN version ELSE '' END AS x FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

    [Fact]
    public async Task Verify_ca_checks_the_chain_but_not_the_name()
    {
        var settings = Settings(new TlsSettings { Mode = TlsMode.VerifyCa, CaFile = CaFile });
        await using var engine = Onprest.Agent.Databases.DatabaseEngineFactory.Create(settings with { Host = "127.0.0.1" }, 1);
        await using var connection = await engine.OpenAsync(TestContext.Current.CancellationToken);
        await engine.PingAsync(connection, TestContext.Current.CancellationToken);
        await using var other = Onprest.Agent.Databases.DatabaseEngineFactory.Create(Settings(new TlsSettings { Mode = TlsMode.VerifyCa, CaFile = OtherCaFile }), 1);
        await Assert.ThrowsAnyAsync<Exception>(async () => await other.OpenAsync(TestContext.Current.CancellationToken));
    }
}

public sealed class MySqlTlsTests() : TlsSuite(new MySqlEnvTarget())
{
    protected override string EncryptedProbeSql => "SELECT VARIABLE_VALUE AS x FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'SSL_CIPHER'";
}
