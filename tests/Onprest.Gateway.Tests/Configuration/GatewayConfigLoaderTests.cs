using System.Net;
using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Tests.Configuration;

public sealed class GatewayConfigLoaderTests
{
    private const string PublicKey = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private static readonly string Hash = BCrypt.Net.BCrypt.HashPassword("k", 4);
    private static readonly string Keys = $"[{{\"name\":\"a\",\"key_hash\":\"{Hash}\",\"capabilities\":[\"x\"]}}]";

    private static GatewayOptions Load(params (string Name, string Value)[] overrides)
    {
        var env = new Dictionary<string, string>
        {
            ["GATEWAY_AGENT_PUBLIC_KEY"] = PublicKey,
            ["GATEWAY_API_KEYS_JSON"] = Keys,
        };
        foreach (var (name, value) in overrides)
        {
            env[name] = value;
        }

        return GatewayConfigLoader.Load(name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void A_comma_separated_list_configures_one_agent_slot_per_key_in_order()
    {
        var keys = Enumerable.Range(1, 16).Select(i => Base64UrlKey((byte)i)).ToArray();
        var options = Load(("GATEWAY_AGENT_PUBLIC_KEY", string.Join(" , ", keys)));

        Assert.Equal(16, options.AgentPublicKeys.Count);
        Assert.Equal(5, options.AgentPublicKeys[4][0]);
        Assert.Equal(
            "GATEWAY_AGENT_PUBLIC_KEY lists more than 16 keys",
            Fails(("GATEWAY_AGENT_PUBLIC_KEY", string.Join(",", keys.Append(Base64UrlKey(17))))));
    }

    private static string Base64UrlKey(byte first)
    {
        var bytes = new byte[32];
        bytes[0] = first;
        return System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }

    private static string Fails(params (string Name, string Value)[] overrides) =>
        Assert.Throws<GatewayConfigException>(() => Load(overrides)).Message;

    [Fact]
    public void Defaults_apply_to_unset_and_empty_values()
    {
        var options = Load(("GATEWAY_ADDR", ""), ("GATEWAY_RATE_LIMIT_BURST", ""));
        Assert.Equal(":8080", options.Addr);
        Assert.Equal(new ListenAddress("", 8080), options.Listen);
        Assert.Equal(10, options.RateLimitRequestsPerSecond);
        Assert.Equal(20, options.RateLimitBurst);
        Assert.Equal(1_048_576, options.MaxRequestBodyBytes);
        Assert.False(options.EmitOpenApiSnapshot);
        Assert.Null(options.PublicUrl);
        Assert.Empty(options.CorsAllowedOrigins);
        Assert.Null(options.IpAllowList);
        Assert.Empty(options.TrustedProxies);
        Assert.Equal(32, Assert.Single(options.AgentPublicKeys).Length);
        Assert.Null(options.AdminAddr);
        Assert.Null(options.AdminListen);
    }

    [Fact]
    public void The_admin_listener_is_parsed_like_the_public_one()
    {
        var options = Load(("GATEWAY_ADDR", "127.0.0.1:8080"), ("GATEWAY_ADMIN_ADDR", "[::1]:9090"));
        Assert.Equal("[::1]:9090", options.AdminAddr);
        Assert.Equal(new ListenAddress("::1", 9090), options.AdminListen);
    }

    public static TheoryData<string, string, string> InvalidValues => new()
    {
        { "GATEWAY_ADDR", "8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADMIN_ADDR", "9090", "GATEWAY_ADMIN_ADDR must be host:port" },
        { "GATEWAY_ADMIN_ADDR", "example.com:9090", "GATEWAY_ADMIN_ADDR must be host:port" },
        { "GATEWAY_ADMIN_ADDR", "127.0.0.1:0", "GATEWAY_ADMIN_ADDR must be host:port" },
        { "GATEWAY_ADMIN_ADDR", "127.0.0.1:8080", "GATEWAY_ADMIN_ADDR must use a different port than GATEWAY_ADDR" },
        { "GATEWAY_ADDR", ":0", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", ":65536", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", ":", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", ":80a", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", ":-1", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "::1:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "example.com:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "[127.0.0.1]:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "[]:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "127.1:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", "[fe80::1%eth0]:8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", " :8080", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_ADDR", ":８０８０", "GATEWAY_ADDR must be host:port" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "0", "GATEWAY_MAX_REQUEST_BODY_BYTES must be > 0" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "-5", "GATEWAY_MAX_REQUEST_BODY_BYTES must be > 0" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "1.5", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: invalid syntax" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "0x10", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: invalid syntax" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", " 10", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: invalid syntax" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "10\n", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: invalid syntax" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "١٠", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: invalid syntax" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "9223372036854775808", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: value out of range" },
        { "GATEWAY_MAX_REQUEST_BODY_BYTES", "-9223372036854775809", "GATEWAY_MAX_REQUEST_BODY_BYTES must be an integer: value out of range" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "0", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be > 0" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "-1", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be > 0" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "1e-400", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be > 0" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "1e400", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: value out of range" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "Inf", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: invalid syntax" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "NaN", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: invalid syntax" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "0x1p3", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: invalid syntax" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "1,5", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: invalid syntax" },
        { "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "e5", "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be a number: invalid syntax" },
        { "GATEWAY_RATE_LIMIT_BURST", "0", "GATEWAY_RATE_LIMIT_BURST must be > 0" },
        { "GATEWAY_RATE_LIMIT_BURST", "2.0", "GATEWAY_RATE_LIMIT_BURST must be an integer: invalid syntax" },
        { "GATEWAY_EMIT_OPENAPI_SNAPSHOT", "yes please", "GATEWAY_EMIT_OPENAPI_SNAPSHOT must be a boolean: invalid syntax" },
        { "GATEWAY_EMIT_OPENAPI_SNAPSHOT", "yes", "GATEWAY_EMIT_OPENAPI_SNAPSHOT must be a boolean: invalid syntax" },
        { "GATEWAY_EMIT_OPENAPI_SNAPSHOT", "tRUE", "GATEWAY_EMIT_OPENAPI_SNAPSHOT must be a boolean: invalid syntax" },
        { "GATEWAY_PUBLIC_URL", "gw.example.com", "GATEWAY_PUBLIC_URL must be an absolute http or https URL" },
        { "GATEWAY_PUBLIC_URL", "/base", "GATEWAY_PUBLIC_URL must be an absolute http or https URL" },
        { "GATEWAY_PUBLIC_URL", "https://", "GATEWAY_PUBLIC_URL must be an absolute http or https URL" },
        { "GATEWAY_PUBLIC_URL", "ftp://gw.example.com", "GATEWAY_PUBLIC_URL must use http or https" },
        { "GATEWAY_PUBLIC_URL", "https://gw.example.com/?a=1", "GATEWAY_PUBLIC_URL must not include query or fragment" },
        { "GATEWAY_PUBLIC_URL", "https://gw.example.com/#top", "GATEWAY_PUBLIC_URL must not include query or fragment" },
        { "GATEWAY_PUBLIC_URL", "https://gw.example.com/?", "GATEWAY_PUBLIC_URL must not include query or fragment" },
        { "GATEWAY_PUBLIC_URL", "https://user@gw.example.com", "GATEWAY_PUBLIC_URL must not include credentials" },
        { "GATEWAY_PUBLIC_URL", "https://user:pass@gw.example.com/base", "GATEWAY_PUBLIC_URL must not include credentials" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "a.example", "GATEWAY_CORS_ALLOWED_ORIGINS must contain absolute http or https origins" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "https://u@a.example", "GATEWAY_CORS_ALLOWED_ORIGINS must contain absolute http or https origins" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "ftp://x", "GATEWAY_CORS_ALLOWED_ORIGINS must use http or https" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "https://a.example/", "GATEWAY_CORS_ALLOWED_ORIGINS values must not include path, query, or fragment" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "https://a.example?x", "GATEWAY_CORS_ALLOWED_ORIGINS values must not include path, query, or fragment" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "https://a.example#x", "GATEWAY_CORS_ALLOWED_ORIGINS values must not include path, query, or fragment" },
        { "GATEWAY_CORS_ALLOWED_ORIGINS", "https://ok.example, https://b.example/app", "GATEWAY_CORS_ALLOWED_ORIGINS values must not include path, query, or fragment" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "short", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS+7TyWQHOg7hcvPapiMlrwIaaPcHURo", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR!", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", " 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo,", "GATEWAY_AGENT_PUBLIC_KEY entry 2 must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo,short", "GATEWAY_AGENT_PUBLIC_KEY entry 2 must be the unpadded base64url of a 32-byte Ed25519 public key" },
        { "GATEWAY_AGENT_PUBLIC_KEY", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo, 11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "GATEWAY_AGENT_PUBLIC_KEY entry 2 repeats entry 1 (each agent of a pool needs its own key)" },
        { "GATEWAY_IP_ALLOW_LIST", "not-an-ip", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "10.0.0.1, , 10.0.0.0/33", "GATEWAY_IP_ALLOW_LIST entry 2 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "fe80::1%eth0", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "[::1]", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "10.0.0.1:80", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "::/129", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "10.0.0.0/", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "10.0.0.0/+8", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_IP_ALLOW_LIST", "256.0.0.1", "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR" },
        { "GATEWAY_TRUSTED_PROXY_CIDRS", "10.0.0.0/8,garbage", "GATEWAY_TRUSTED_PROXY_CIDRS entry 2 is not a valid IP address or CIDR" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Invalid_value_stops_with_the_exact_message(string variable, string value, string message) =>
        Assert.Equal(message, Fails((variable, value)));

    [Fact]
    public void Every_invalid_variable_is_reported_at_once_in_spec_order()
    {
        (string, string)[] all =
        [
            ("GATEWAY_ADDR", "bad"),
            ("GATEWAY_MAX_REQUEST_BODY_BYTES", "0"),
            ("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", "0"),
            ("GATEWAY_RATE_LIMIT_BURST", "0"),
            ("GATEWAY_RATE_LIMIT_IPV6_PREFIX", "129"),
            ("GATEWAY_EMIT_OPENAPI_SNAPSHOT", "maybe"),
            ("GATEWAY_PUBLIC_URL", "ftp://x"),
            ("GATEWAY_CORS_ALLOWED_ORIGINS", "ftp://x"),
            ("GATEWAY_AGENT_PUBLIC_KEY", "x"),
            ("GATEWAY_API_KEYS_JSON", "[]"),
            ("GATEWAY_IP_ALLOW_LIST", "x"),
            ("GATEWAY_TRUSTED_PROXY_CIDRS", "x"),
        ];
        string[] expected =
        [
            "GATEWAY_ADDR must be host:port",
            "GATEWAY_MAX_REQUEST_BODY_BYTES must be > 0",
            "GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND must be > 0",
            "GATEWAY_RATE_LIMIT_BURST must be > 0",
            "GATEWAY_RATE_LIMIT_IPV6_PREFIX must be from 1 to 128",
            "GATEWAY_EMIT_OPENAPI_SNAPSHOT must be a boolean: invalid syntax",
            "GATEWAY_PUBLIC_URL must use http or https",
            "GATEWAY_CORS_ALLOWED_ORIGINS must use http or https",
            "GATEWAY_AGENT_PUBLIC_KEY must be the unpadded base64url of a 32-byte Ed25519 public key",
            "at least one API key is required",
            "GATEWAY_IP_ALLOW_LIST entry 1 is not a valid IP address or CIDR",
            "GATEWAY_TRUSTED_PROXY_CIDRS entry 1 is not a valid IP address or CIDR",
        ];
        var failure = Assert.Throws<GatewayConfigException>(() => Load(all));
        Assert.Equal(expected, failure.Problems);
        for (var i = 0; i < all.Length; i++)
        {
            Assert.Equal(string.Join('\n', expected[i..]), Fails(all[i..]));
        }
    }

    [Fact]
    public void A_missing_agent_key_and_missing_api_keys_are_reported_together()
    {
        var failure = Assert.Throws<GatewayConfigException>(() => Load(("GATEWAY_AGENT_PUBLIC_KEY", ""), ("GATEWAY_API_KEYS_JSON", ""), ("GATEWAY_ADDR", "nope")));
        Assert.Equal(["GATEWAY_ADDR must be host:port", "GATEWAY_AGENT_PUBLIC_KEY is required", "GATEWAY_API_KEYS_JSON is required"], failure.Problems);
    }

    [Theory]
    [InlineData(null, 64)]
    [InlineData("48", 48)]
    [InlineData("128", 128)]
    [InlineData("1", 1)]
    public void The_ipv6_prefix_defaults_to_64(string? value, int expected) =>
        Assert.Equal(expected, (value is null ? Load() : Load(("GATEWAY_RATE_LIMIT_IPV6_PREFIX", value))).RateLimitIpv6Prefix);

    [Theory]
    [InlineData("0", "GATEWAY_RATE_LIMIT_IPV6_PREFIX must be from 1 to 128")]
    [InlineData("129", "GATEWAY_RATE_LIMIT_IPV6_PREFIX must be from 1 to 128")]
    [InlineData("/64", "GATEWAY_RATE_LIMIT_IPV6_PREFIX must be an integer: invalid syntax")]
    [InlineData("99999999999999999999", "GATEWAY_RATE_LIMIT_IPV6_PREFIX must be an integer: value out of range")]
    public void An_invalid_ipv6_prefix_is_refused(string value, string message) =>
        Assert.Equal(message, Fails(("GATEWAY_RATE_LIMIT_IPV6_PREFIX", value)));

    [Fact]
    public void Missing_agent_key_is_required() =>
        Assert.Equal("GATEWAY_AGENT_PUBLIC_KEY is required", Fails(("GATEWAY_AGENT_PUBLIC_KEY", "")));

    [Theory]
    [InlineData(":8080", "", 8080)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9000)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("localhost:1", "localhost", 1)]
    [InlineData("0.0.0.0:65535", "0.0.0.0", 65535)]
    public void Accepts_every_listen_form(string addr, string host, int port)
    {
        var options = Load(("GATEWAY_ADDR", addr));
        Assert.Equal(new ListenAddress(host, port), options.Listen);
        Assert.Equal(addr, options.Addr);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("0.5", 0.5)]
    [InlineData(".5", 0.5)]
    [InlineData("2.5e1", 25)]
    [InlineData("+3", 3)]
    [InlineData("1E2", 100)]
    [InlineData("5.", 5)]
    [InlineData("1e-3", 0.001)]
    public void Accepts_decimal_rates(string text, double expected) =>
        Assert.Equal(expected, Load(("GATEWAY_RATE_LIMIT_REQUESTS_PER_SECOND", text)).RateLimitRequestsPerSecond);

    [Theory]
    [InlineData("1", true)]
    [InlineData("t", true)]
    [InlineData("T", true)]
    [InlineData("TRUE", true)]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("0", false)]
    [InlineData("f", false)]
    [InlineData("F", false)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Accepts_every_boolean_spelling(string text, bool expected) =>
        Assert.Equal(expected, Load(("GATEWAY_EMIT_OPENAPI_SNAPSHOT", text)).EmitOpenApiSnapshot);

    [Theory]
    [InlineData("https://gw.example.com/base/", "https://gw.example.com/base")]
    [InlineData("https://gw.example.com/", "https://gw.example.com")]
    [InlineData("  http://gw.example.com:8443  ", "http://gw.example.com:8443")]
    [InlineData("https://gw.example.com///", "https://gw.example.com")]
    public void Public_url_is_trimmed_and_loses_trailing_slashes(string value, string expected) =>
        Assert.Equal(expected, Load(("GATEWAY_PUBLIC_URL", value)).PublicUrl);

    [Fact]
    public void Cors_origins_are_normalized_and_deduplicated()
    {
        var options = Load(("GATEWAY_CORS_ALLOWED_ORIGINS", " HTTPS://App.Example:8443 , ,https://app.example:8443,http://b.example"));
        Assert.Equal(["https://app.example:8443", "http://b.example"], options.CorsAllowedOrigins);
    }

    [Fact]
    public void Ip_lists_accept_literals_and_blocks_and_ignore_host_bits()
    {
        var options = Load(
            ("GATEWAY_IP_ALLOW_LIST", "192.0.2.0/24, 2001:db8::1, 198.51.100.10,,"),
            ("GATEWAY_TRUSTED_PROXY_CIDRS", "10.0.0.5/8, ::ffff:172.16.0.1"));
        Assert.Equal(
            [IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("2001:db8::1/128"), IPNetwork.Parse("198.51.100.10/32")],
            options.IpAllowList!);
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.1/32")], options.TrustedProxies);
    }

    [Fact]
    public void Ipv6_and_port_origins_keep_brackets_and_port_text()
    {
        var options = Load(("GATEWAY_CORS_ALLOWED_ORIGINS", "http://[::1]:3000,https://Example.COM:08443"));
        Assert.Equal(["http://[::1]:3000", "https://example.com:08443"], options.CorsAllowedOrigins);
    }

    [Fact]
    public void Duplicate_key_names_are_allowed_and_order_is_kept()
    {
        var keys = $"[{{\"name\":\"same\",\"key_hash\":\"{Hash}\"}},{{\"name\":\"same\",\"key_hash\":\"{Hash}\",\"capabilities\":\"*\"}}]";
        var options = Load(("GATEWAY_API_KEYS_JSON", keys));
        Assert.Equal(["same", "same"], options.ApiKeys.Select(k => k.Name));
        Assert.False(options.ApiKeys[0].AllowsEverything);
        Assert.True(options.ApiKeys[1].AllowsEverything);
    }

    [Fact]
    public void An_allow_list_of_only_separators_allows_every_source() =>
        Assert.Null(Load(("GATEWAY_IP_ALLOW_LIST", " , ,")).IpAllowList);

    [Fact]
    public void The_oauth_variables_reach_the_options()
    {
        Assert.Null(Load().OAuth);
        var options = Load(("GATEWAY_PUBLIC_URL", "https://gw.example/"), ("GATEWAY_OAUTH_ISSUER", "https://login.example"), ("GATEWAY_OAUTH_SCOPE_PREFIX", "onprest:"));
        Assert.Equal("https://login.example", options.OAuth!.Issuer);
        Assert.Equal("https://gw.example", options.OAuth.Resource);
        Assert.Equal("onprest:", options.OAuth.ScopePrefix);
    }
}
