using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Linting;

/// <summary> steps 1–8 and–every message verbatim.</summary>
public sealed class TopLevelLintTests
{
    private static readonly string OtherKey = MakePrivateKey(Enumerable.Repeat((byte)7, 32).ToArray());

    public static TheoryData<string, string> Cases() => new()
    {
        //
        { File(extra: "runtime: {max_concurrent_requests: 0}"), "runtime.max_concurrent_requests must be > 0" },
        { File(extra: "runtime: {max_concurrent_requests: -3}"), "runtime.max_concurrent_requests must be > 0" },

        // gateway.url, in order
        { File(gateway: "gateway: {agent_private_key: " + PrivateKey + "}"), "gateway.url is required" },
        { File(gateway: Gateway("''")), "gateway.url is required" },
        { File(gateway: Gateway("not a url")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss:/ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss:///ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://host:0/ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://host:65536/ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://host:abc/ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://host:/ws/agent")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("'wss://[::1/ws/agent'")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("'wss://ho st/ws/agent'")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://host/ws/%zz")), "gateway.url must be a valid ws:// or wss:// URL" },
        { File(gateway: Gateway("wss://user:pw@host/ws/agent")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/ws/agent?x=1")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/ws/agent?")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("'wss://host/ws/agent#f'")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/ws/agent/")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/ws/./agent")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/WS/AGENT")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("wss://host/ws%2Fagent")), "gateway.url must use the exact /ws/agent path without credentials, query, or fragment" },
        { File(gateway: Gateway("https://host/ws/agent")), "gateway.url must use ws:// or wss://" },
        { File(gateway: Gateway("http://localhost/ws/agent")), "gateway.url must use ws:// or wss://" },
        { File(gateway: Gateway("ws://gateway.example.com/ws/agent")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("ws://10.0.0.1:8080/ws/agent")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("ws://localhost.localdomain/ws/agent")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("ws://0.0.0.0/ws/agent")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("ws://128.0.0.1/ws/agent")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("'ws://[::2]/ws/agent'")), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },
        { File(gateway: Gateway("ws://gateway.example.com/ws/agent") + "\n  allow_insecure_non_loopback_ws: false"), "gateway.url must use wss:// for non-loopback hosts; the explicit insecure override is for isolated development only" },

        // gateway.agent_private_key
        { File(gateway: "gateway: {url: wss://h/ws/agent}"), "gateway.agent_private_key is required" },
        { File(gateway: Gateway(key: "''")), "gateway.agent_private_key is required" },
        { File(gateway: Gateway(key: PrivateKey[..85])), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: PrivateKey + "A")), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: "'" + PrivateKey + "=='")), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: PrivateKey[..84] + "+/")), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: "'" + PrivateKey[..40] + " " + PrivateKey[41..] + "'")), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: PrivateKey[..43] + OtherKey[43..])), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: new string('A', 86))), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        { File(gateway: Gateway(key: PrivateKey[..43])), "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },

        //
        { File(extra: "logging: {max_size: 0}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: 0B}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: 1.5MB}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: -1MB}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: 10XB}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: 10MBx}"), "logging.max_size is invalid" },
        { File(extra: "logging: {max_size: 9999999999GB}"), "logging.max_size is invalid" },

        // step 7
        { File(capabilities: ""), "at least one capability is required" },
        { File(capabilities: "capabilities: {}"), "at least one capability is required" },
        { File(capabilities: "capabilities: ~"), "at least one capability is required" },

        // step 8 / with path "defaults"
        { File(extra: "defaults: {timeout: soon}"), "defaults.timeout is invalid" },
        { File(extra: "defaults: {timeout: 5}"), "defaults.timeout is invalid" },
        { File(extra: "defaults: {timeout: 2562048h}"), "defaults.timeout is invalid" },
        { File(extra: "defaults: {timeout: 0s}"), "defaults.timeout must be > 0" },
        { File(extra: "defaults: {timeout: -1s}"), "defaults.timeout must be > 0" },
        { File(extra: "defaults: {timeout: 0}"), "defaults.timeout must be > 0" },
        { File(extra: "defaults: {max_rows: 0}"), "defaults.max_rows must be > 0" },
        { File(extra: "defaults: {max_rows: -5}"), "defaults.max_rows must be > 0" },
        { File(extra: "defaults: {max_bytes: 0}"), "defaults.max_bytes is invalid" },
        { File(extra: "defaults: {max_bytes: 0B}"), "defaults.max_bytes is invalid" },
        { File(extra: "defaults: {max_bytes: lots}"), "defaults.max_bytes is invalid" },
        { File(extra: "defaults: {max_affected_rows: 0}"), "defaults.max_affected_rows must be > 0" },
        { File(extra: "defaults: {max_affected_rows: -1}"), "defaults.max_affected_rows must be > 0" },
        { File(extra: "defaults: {rate_limit: {per: 1s, burst: 1}}"), "defaults.rate_limit: requests must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 0, per: 1s, burst: 1}}"), "defaults.rate_limit: requests must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, burst: 1}}"), "defaults.rate_limit: per is required" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: '', burst: 1}}"), "defaults.rate_limit: per is required" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 1, burst: 1}}"), "defaults.rate_limit: per is invalid" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 2562048h, burst: 1}}"), "defaults.rate_limit: per is invalid" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 0s, burst: 1}}"), "defaults.rate_limit: per must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: -1s, burst: 1}}"), "defaults.rate_limit: per must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 0, burst: 1}}"), "defaults.rate_limit: per must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 1s}}"), "defaults.rate_limit: burst must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 1s, burst: 0}}"), "defaults.rate_limit: burst must be > 0" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 2ns, burst: 9223372036854775807}}"), "defaults.rate_limit: burst and per are too large" },
        { File(extra: "defaults: {rate_limit: {requests: 1, per: 1s, burst: 9223372037}}"), "defaults.rate_limit: burst and per are too large" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_exact_message(string yaml, string expected) => Assert.Equal(expected, LintMessage(yaml));

    public static TheoryData<string> AcceptedGatewayUrls() => new()
    {
        "wss://gateway.example.com/ws/agent",
        "WSS://gateway.example.com/ws/agent",
        "wss://gateway.example.com:8443/ws/agent",
        "ws://localhost/ws/agent",
        "ws://LOCALHOST:8080/ws/agent",
        "ws://localhost.:8080/ws/agent",
        "ws://127.0.0.1:8080/ws/agent",
        "ws://127.255.0.9/ws/agent",
        "'ws://[::1]:8080/ws/agent'",
        "'ws://[::ffff:127.0.0.1]/ws/agent'",
        "'wss://[2001:db8::1]:443/ws/agent'",
    };

    [Theory]
    [MemberData(nameof(AcceptedGatewayUrls))]
    public void Accepts_gateway_url(string url) => Assert.True(Load(File(gateway: Gateway(url))).IsValid);

    [Fact]
    public void Insecure_override_permits_ws_to_a_non_loopback_host()
    {
        var yaml = File(gateway: Gateway("ws://gateway.example.com/ws/agent") + "\n  allow_insecure_non_loopback_ws: yes");
        Assert.True(Load(yaml).IsValid);
    }

    [Fact]
    public void Rate_limit_at_the_exact_nanosecond_bound_is_accepted()
    {
        var result = Load(File(extra: "defaults: {rate_limit: {requests: 1, per: 1ns, burst: 9223372036854775807}}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(new Onprest.Agent.Capabilities.RateLimitPolicy(1, 1, long.MaxValue), result.Configuration.Capabilities[0].Policy.RateLimit);
    }

    [Theory]
    [InlineData("0", 3)]
    [InlineData("-2", 3)]
    [InlineData("7", 7)]
    [InlineData("~", 3)]
    public void Max_files_below_one_becomes_three(string written, int expected)
    {
        var result = Load(File(extra: "logging: {max_files: " + written + "}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(expected, result.Configuration.LogMaxFiles);
    }

    [Theory]
    [InlineData("logging: {max_size: ''}", 10L * 1024 * 1024)]
    [InlineData("logging: {max_size: 256kb}", 256L * 1024)]
    [InlineData("logging: {max_size: ' 1 GB '}", 1024L * 1024 * 1024)]
    public void Max_size_is_parsed(string extra, long expected)
    {
        var result = Load(File(extra: extra));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(expected, result.Configuration.LogMaxSizeBytes);
    }

    [Fact]
    public void Service_defaults_apply_when_empty()
    {
        var result = Load(File(extra: "service: {title: '', version: ~, description: Hi}"));
        Assert.True(result.IsValid);
        Assert.Equal(new Onprest.Agent.Capabilities.ServiceInfo("Onprest Agent", "0.1.0", "Hi"), result.Configuration.Service);
    }

    [Fact]
    public void Empty_file_fails_with_gateway_url_required()
    {
        Assert.Equal("gateway.url is required", LintMessage(""));
        Assert.Equal("gateway.url is required", LintMessage("# only a comment\n"));
        Assert.Equal("gateway.url is required", LintMessage("---\n"));
        Assert.Equal("gateway.url is required", LintMessage("~\n"));
    }

    public static TheoryData<string, string> OrderCases() => new()
    {
        // runtime (1) before gateway (3)
        { "runtime: {max_concurrent_requests: 0}\n", "runtime.max_concurrent_requests must be > 0" },
        // gateway.url (3) before private key (4)
        { "gateway: {url: 'x', agent_private_key: 'y'}\n", "gateway.url must be a valid ws:// or wss:// URL" },
        // private key (4) before database (5)
        { "gateway: {url: 'wss://h/ws/agent', agent_private_key: 'y'}\n", "gateway.agent_private_key must be base64url-encoded Ed25519 private key" },
        // database (5) before logging (6)
        { Gateway() + "\nlogging: {max_size: 0}\n", "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },
        // logging (6) before capabilities (7)
        { Gateway() + "\n" + Postgres + "\nlogging: {max_size: 0}\n", "logging.max_size is invalid" },
        // at least one capability (7) before defaults (8)
        { Gateway() + "\n" + Postgres + "\ndefaults: {max_rows: 0}\n", "at least one capability is required" },
        // defaults (8) before capabilities (9)
        { File(capabilities: "capabilities: {'1bad': {sql: select 1}}", extra: "defaults: {max_rows: 0}"), "defaults.max_rows must be > 0" },
        // policy table order: timeout before max_rows before max_bytes before max_affected_rows before rate_limit
        { File(extra: "defaults: {timeout: x, max_rows: 0, max_bytes: 0, max_affected_rows: 0, rate_limit: {}}"), "defaults.timeout is invalid" },
        { File(extra: "defaults: {max_rows: 0, max_bytes: 0, max_affected_rows: 0, rate_limit: {}}"), "defaults.max_rows must be > 0" },
        { File(extra: "defaults: {max_bytes: 0, max_affected_rows: 0, rate_limit: {}}"), "defaults.max_bytes is invalid" },
        { File(extra: "defaults: {max_affected_rows: 0, rate_limit: {}}"), "defaults.max_affected_rows must be > 0" },
    };

    [Theory]
    [MemberData(nameof(OrderCases))]
    public void Stops_at_the_first_failure_in_lint_order(string yaml, string expected) => Assert.Equal(expected, LintMessage(yaml));

    [Fact]
    public void Messages_never_contain_configured_values()
    {
        const string secret = "SuperSecretHostName";
        var message = LintMessage(File(gateway: Gateway("ws://" + secret + "/ws/agent")));
        Assert.DoesNotContain(secret, message, StringComparison.Ordinal);
    }
}
