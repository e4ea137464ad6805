using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NSec.Cryptography;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Cli;
using Onprest.Agent.Doctor;
using Onprest.Agent.Logging;
using Onprest.Agent.Sql;
using Onprest.Agent.Tests.Tunnel;
using Onprest.Contracts.Tunnel;

namespace Onprest.Agent.Tests.Doctor;

public sealed class DoctorCommandTests : IDisposable
{
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onprest-doctor-" + Guid.NewGuid().ToString("N"));

    public DoctorCommandTests()
    {
        Directory.CreateDirectory(_folder);
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)";
        command.ExecuteNonQuery();
    }

    private string DatabasePath => Path.Combine(_folder, "data.db");

    private string DoctorLog => Path.Combine(_folder, LogPaths.BaseName() + ".doctor.log");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Every_stage_passes_against_a_ws_gateway_and_no_log_remains()
    {
        await using var gateway = new FakeGateway();
        var (code, output) = await RunAsync(Configuration(gateway.Url), json: false);

        Assert.Equal(0, code);
        Assert.Equal(
            """
            doctor config: passed (OK) configuration is valid
            doctor database_open: passed (OK) database opened
            doctor database_ping: passed (OK) database is reachable
            doctor capability_explain: passed (OK) capability EXPLAIN checks passed
            doctor gateway_dns: passed (OK) gateway host resolved
            doctor gateway_connect: passed (OK) gateway TCP connection succeeded
            doctor gateway_tls: skipped (NOT_APPLICABLE) TLS is not used for ws://
            doctor gateway_challenge: passed (OK) gateway issued a challenge
            doctor gateway_verify: passed (OK) gateway signature verification succeeded

            """.ReplaceLineEndings("\n"),
            output);
        Assert.False(File.Exists(DoctorLog));
    }

    [Fact]
    public async Task A_configuration_error_shows_the_same_text_as_validate()
    {
        var path = Path.Combine(_folder, "capability.yaml");
        File.WriteAllText(path, Onprest.Agent.Tests.Capabilities.CapabilityYaml.File(extra: "runtime: {max_concurrent_requests: 0}"));
        var loaded = Onprest.Agent.Capabilities.Loading.CapabilityFileLoader.Load(path);
        var stdout = new StringWriter();
        var code = await DoctorCommand.RunLoadingAsync(() => loaded, json: false, stdout, new StringWriter(), _folder, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var first = stdout.ToString().Split('\n')[0];
        Assert.Equal("doctor config: failed (CONFIG_INVALID) " + loaded.Error!.Explanation, first);
        Assert.StartsWith("doctor config: failed (CONFIG_INVALID) runtime.max_concurrent_requests must be > 0 (" + path + ":", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_request_is_signed_with_onprest_agent_verify_v1()
    {
        await using var gateway = new FakeGateway();
        await RunAsync(Configuration(gateway.Url), json: false);

        RecordedRequest? verify = null;
        while (gateway.Requests.Reader.TryRead(out var request))
        {
            if (request.Path == TunnelProtocol.VerifyPath)
            {
                verify = request;
            }
        }

        Assert.NotNull(verify);
        Assert.Equal("POST", verify.Method);
        Assert.Equal(0, verify.Count(TunnelProtocol.WebSocketKeyHeader));
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Seed, KeyBlobFormat.RawPrivateKey);
        var message = HandshakeMessage.Verify(verify.Header(TunnelProtocol.TimestampHeader)!, verify.Header(TunnelProtocol.NonceHeader)!, verify.Header(TunnelProtocol.ChallengeHeader)!);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, message, Base64Url.DecodeFromChars(verify.Header(TunnelProtocol.SignatureHeader)!)));
        Assert.Equal("challenge-1", verify.Header(TunnelProtocol.ChallengeHeader));
    }

    [Theory]
    [InlineData(401, "{\"error\":{\"code\":\"GATEWAY_AUTH_FAILED\",\"message\":\"invalid agent signature\"}}")]
    [InlineData(200, "{\"ok\":false}")]
    [InlineData(200, "{\"ok\":true,\"extra\":1}")]
    [InlineData(200, "{\"ok\":true} {}")]
    [InlineData(200, "")]
    public async Task A_refused_verification_fails_gateway_verify_and_records_the_detail(int status, string body)
    {
        await using var gateway = new FakeGateway { VerifyResponse = _ => FakeGateway.Http(status, status == 200 ? "OK" : "Unauthorized", body) };
        var (code, output) = await RunAsync(Configuration(gateway.Url), json: true);

        Assert.Equal(1, code);
        var checks = JsonDocument.Parse(output).RootElement;
        Assert.False(checks.GetProperty("ok").GetBoolean());
        var last = checks.GetProperty("checks").EnumerateArray().Last();
        Assert.Equal("gateway_verify", last.GetProperty("stage").GetString());
        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.Equal("GATEWAY_VERIFY_FAILED", last.GetProperty("code").GetString());
        Assert.Equal("gateway verification failed; see doctor detail log", last.GetProperty("message").GetString());
        var record = JsonDocument.Parse(File.ReadAllText(DoctorLog)).RootElement;
        Assert.Equal("gateway_verify", record.GetProperty("stage").GetString());
        Assert.Equal("gateway verification failed", record.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unresolvable_host_fails_gateway_dns_and_skips_the_rest()
    {
        var (code, output) = await RunAsync(Configuration(new Uri("ws://onprest-doctor-test.invalid/ws/agent")), json: false);

        Assert.Equal(1, code);
        Assert.Contains("doctor gateway_dns: failed (GATEWAY_DNS_FAILED) gateway DNS lookup failed; see doctor detail log\n", output, StringComparison.Ordinal);
        foreach (var stage in new[] { "gateway_connect", "gateway_tls", "gateway_challenge", "gateway_verify" })
        {
            Assert.Contains($"doctor {stage}: skipped (SKIPPED) not run because a dependent stage failed\n", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_closed_port_fails_gateway_connect()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (code, output) = await RunAsync(Configuration(new Uri($"ws://127.0.0.1:{port}/ws/agent")), json: false);

        Assert.Equal(1, code);
        Assert.Contains("doctor gateway_dns: passed (OK) gateway host resolved\n", output, StringComparison.Ordinal);
        Assert.Contains("doctor gateway_connect: failed (GATEWAY_CONNECT_FAILED) gateway TCP connection failed; see doctor detail log\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wss_gateway_without_a_trusted_certificate_fails_gateway_tls()
    {
        await using var gateway = new FakeGateway();
        var (code, output) = await RunAsync(Configuration(new Uri($"wss://127.0.0.1:{gateway.Port}/ws/agent")), json: false);

        Assert.Equal(1, code);
        Assert.Contains("doctor gateway_connect: passed (OK) gateway TCP connection succeeded\n", output, StringComparison.Ordinal);
        Assert.Contains("doctor gateway_tls: failed (GATEWAY_TLS_FAILED) gateway TLS verification failed; see doctor detail log\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_challenge_fails_gateway_challenge()
    {
        await using var gateway = new FakeGateway { ChallengeResponse = _ => FakeGateway.Http(503, "Service Unavailable", "{}") };
        var (code, output) = await RunAsync(Configuration(gateway.Url), json: false);

        Assert.Equal(1, code);
        Assert.Contains("doctor gateway_challenge: failed (GATEWAY_CHALLENGE_FAILED) gateway challenge failed; see doctor detail log\n", output, StringComparison.Ordinal);
        Assert.Contains("agent challenge failed: 503 Service Unavailable", File.ReadAllText(DoctorLog), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_configuration_fails_config_and_writes_no_record()
    {
        var stdout = new StringWriter();
        var code = await DoctorCommand.RunAsync(() => null, json: true, stdout, new StringWriter(), _folder, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        var checks = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(9, checks.Count);
        Assert.Equal("""{"stage":"config","status":"failed","code":"CONFIG_INVALID","message":"capability configuration is invalid"}""", checks[0].GetRawText());
        Assert.All(checks.Skip(1), c => Assert.Equal("SKIPPED", c.GetProperty("code").GetString()));
        Assert.False(File.Exists(DoctorLog));
    }

    [Fact]
    public async Task A_missing_database_fails_database_open()
    {
        await using var gateway = new FakeGateway();
        var configuration = Configuration(gateway.Url) with { Database = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = Path.Combine(_folder, "missing.db") } };
        var (code, output) = await RunAsync(configuration, json: false);

        Assert.Equal(1, code);
        Assert.StartsWith($"doctor config: passed (OK) configuration is valid\ndoctor database_open: failed (DATABASE_OPEN_FAILED) database could not be opened; sqlite file {Path.Combine(_folder, "missing.db")} does not exist (database.path is relative to the folder of capability.yaml); see doctor detail log\ndoctor database_ping: skipped (SKIPPED)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_doctor_is_busy()
    {
        await using var gateway = new FakeGateway();
        var held = DiagnosticLog.Acquire(_folder, LogPaths.BaseName(), DiagnosticKind.Doctor);
        using var _ = held.Log;
        var (code, output) = await RunAsync(Configuration(gateway.Url), json: false);

        Assert.Equal(1, code);
        Assert.StartsWith("doctor config: passed (OK) configuration is valid\ndoctor busy: failed (BUSY) another doctor is already running\ndoctor database_open: skipped (SKIPPED)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ok\":true}", true)]
    [InlineData(" { \"ok\" : true } \n", true)]
    [InlineData("{\"ok\":false}", false)]
    [InlineData("{\"ok\":\"true\"}", false)]
    [InlineData("{\"ok\":true,\"ok\":true}", false)]
    [InlineData("{\"OK\":true}", false)]
    [InlineData("[{\"ok\":true}]", false)]
    [InlineData("{\"ok\":true}x", false)]
    [InlineData("", false)]
    public void The_verify_body_must_be_exactly_ok_true(string body, bool ok) =>
        Assert.Equal(ok, GatewayChecks.IsOkTrue(Encoding.UTF8.GetBytes(body)));

    private async Task<(int Code, string Output)> RunAsync(AgentConfiguration configuration, bool json)
    {
        var stdout = new StringWriter();
        var code = await DoctorCommand.RunAsync(() => configuration, json, stdout, new StringWriter(), _folder, TestContext.Current.CancellationToken);
        return (code, stdout.ToString());
    }

    private AgentConfiguration Configuration(Uri gatewayUrl) => new()
    {
        Service = new ServiceInfo("t", "1", ""),
        GatewayUrl = gatewayUrl,
        AgentPrivateKeySeed = Seed,
        Database = new DatabaseSettings { Driver = DatabaseDriver.Sqlite, Path = DatabasePath },
        Capabilities =
        [
            new Capability
            {
                Name = "list_items",
                Sql = "SELECT id, name FROM items",
                Operation = SqlOperation.Select,
                Prepared = new RewrittenSql("SELECT id, name FROM items", []),
                Policy = new EffectivePolicy(),
                Parameters = [],
            },
        ],
        ConfigurationFolder = _folder,
        MaxConcurrentRequests = 2,
    };
}
