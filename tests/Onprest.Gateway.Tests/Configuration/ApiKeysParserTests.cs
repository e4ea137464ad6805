using Onprest.Gateway.Configuration;

namespace Onprest.Gateway.Tests.Configuration;

public sealed class ApiKeysParserTests
{
    private const string Hash = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

    private static string Fails(string value) =>
        Assert.Throws<GatewayConfigException>(() => ApiKeysParser.Parse(value)).Message;

    public static TheoryData<string, string> Invalid => new()
    {
        { "", "GATEWAY_API_KEYS_JSON is required" },
        { "   ", "GATEWAY_API_KEYS_JSON is required" },
        { "''", "GATEWAY_API_KEYS_JSON is required" },
        { "\"\"", "GATEWAY_API_KEYS_JSON is required" },
        { "[]", "at least one API key is required" },
        { "'[]'", "at least one API key is required" },
        { "[{\"key_hash\":\"" + Hash + "\"}]", "GATEWAY_API_KEYS_JSON[].name is required" },
        { "[{\"name\":\"\",\"key_hash\":\"" + Hash + "\"}]", "GATEWAY_API_KEYS_JSON[].name is required" },
        { "[{\"name\":\"a\"}]", "api key \"a\" key_hash is required" },
        { "[{\"name\":\"a\",\"key_hash\":\"\"}]", "api key \"a\" key_hash is required" },
        { "[{\"name\":\"a\",\"key_hash\":\"plaintext\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\",\"key_hash\":\"$2x$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\",\"key_hash\":\"$2a$03$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\",\"key_hash\":\"$2a$32$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhW\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWyy\"}]", "api key \"a\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"q\\\"b\\\\s\\n\",\"key_hash\":\"x\"}]", "api key \"q\\\"b\\\\s\\n\" key_hash must be a bcrypt hash" },
        { "[{\"name\":\"a\\u0001\",\"key_hash\":\"x\"}]", "api key \"a\\x01\" key_hash must be a bcrypt hash" },
        { "{", "parse GATEWAY_API_KEYS_JSON: invalid JSON at line 1, byte 2" },
        { "{\"name\":\"a\"}", "parse GATEWAY_API_KEYS_JSON: expected a JSON array of objects" },
        { "[1]", "parse GATEWAY_API_KEYS_JSON: entry 0 must be an object" },
        { "[{\"name\":1}]", "parse GATEWAY_API_KEYS_JSON: entry 0 member name must be a string" },
        { "[{\"name\":\"a\",\"key_hash\":true}]", "parse GATEWAY_API_KEYS_JSON: entry 0 member key_hash must be a string" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"capabilities\":5}]", "parse GATEWAY_API_KEYS_JSON: entry 0 member capabilities must be a string or an array of strings" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"capabilities\":[\"x\",null]}]", "parse GATEWAY_API_KEYS_JSON: entry 0 member capabilities must be a string or an array of strings" },
        { "[{\"name\":\"a\"},{\"name\":2}]", "parse GATEWAY_API_KEYS_JSON: entry 1 member name must be a string" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":7}]", "parse GATEWAY_API_KEYS_JSON: entry 0 member key_id must be a string" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"ABC\"}]", "api key \"a\" key_id must be 1 to 32 lowercase letters or digits" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"a_b\"}]", "api key \"a\" key_id must be 1 to 32 lowercase letters or digits" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"" + new string('a', 33) + "\"}]", "api key \"a\" key_id must be 1 to 32 lowercase letters or digits" },
        { "[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"k1\"},{\"name\":\"b\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"k1\"}]", "api key \"b\" key_id is already used by another key" },
    };

    [Fact]
    public void A_key_id_is_read_and_an_empty_or_null_one_means_none()
    {
        var keys = ApiKeysParser.Parse("[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"0123abcd\"},{\"name\":\"b\",\"key_hash\":\"" + Hash + "\",\"key_id\":\"\"},{\"name\":\"c\",\"key_hash\":\"" + Hash + "\",\"key_id\":null}]");
        Assert.Equal(["0123abcd", null, null], keys.Select(k => k.KeyId));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_with_the_exact_message(string value, string message) => Assert.Equal(message, Fails(value));

    [Fact]
    public void Parse_reason_never_quotes_key_material()
    {
        var message = Fails("[{\"name\":\"a\",\"key_hash\":\"$2a$10$SECRETSECRET" + "\u0000" + "\"");
        Assert.DoesNotContain("SECRET", message, StringComparison.Ordinal);
        Assert.StartsWith("parse GATEWAY_API_KEYS_JSON: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_100_keys_are_refused()
    {
        var entry = "{\"name\":\"a\",\"key_hash\":\"" + Hash + "\"}";
        Assert.Equal("GATEWAY_API_KEYS_JSON supports at most 100 keys", Fails("[" + string.Join(',', Enumerable.Repeat(entry, 101)) + "]"));
        Assert.Equal(100, ApiKeysParser.Parse("[" + string.Join(',', Enumerable.Repeat(entry, 100)) + "]").Count);
    }

    [Theory]
    [InlineData("'[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]'")]
    [InlineData("\"[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]\"")]
    [InlineData("  \n'[{\"name\":\"a\",\"key_hash\":\"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\"}]'\t ")]
    public void Survives_env_file_quotes_and_dollar_signs(string value)
    {
        var entry = Assert.Single(ApiKeysParser.Parse(value));
        Assert.Equal("a", entry.Name);
        Assert.Equal(Hash, entry.KeyHash);
        Assert.Empty(entry.Capabilities);
    }

    [Theory]
    [InlineData("\"*\"", new[] { "*" }, true)]
    [InlineData("[\"get_customer\",\"*\"]", new[] { "get_customer", "*" }, true)]
    [InlineData("\"get_customer\"", new[] { "get_customer" }, false)]
    [InlineData("\"\"", new string[0], false)]
    [InlineData("null", new string[0], false)]
    [InlineData("[]", new string[0], false)]
    public void Capabilities_accept_a_list_or_one_string(string json, string[] expected, bool all)
    {
        var entry = Assert.Single(ApiKeysParser.Parse("[{\"name\":\"a\",\"key_hash\":\"" + Hash + "\",\"capabilities\":" + json + ",\"other\":{}}]"));
        Assert.Equal(expected, entry.Capabilities);
        Assert.Equal(all, entry.AllowsEverything);
    }

    [Theory]
    [InlineData("$2a$")]
    [InlineData("$2b$")]
    [InlineData("$2y$")]
    public void Accepts_every_bcrypt_prefix(string prefix) =>
        Assert.Single(ApiKeysParser.Parse("[{\"name\":\"a\",\"key_hash\":\"" + prefix + Hash[4..] + "\"}]"));

    [Fact]
    public void Authorization_is_exact_and_case_sensitive()
    {
        var key = new ApiKeyEntry("a", Hash, ["get_customer"]);
        Assert.True(key.Allows("get_customer"));
        Assert.False(key.Allows("GET_CUSTOMER"));
        Assert.False(key.Allows("get_customer2"));
        Assert.False(new ApiKeyEntry("a", Hash, []).Allows("get_customer"));
        Assert.True(new ApiKeyEntry("a", Hash, ["*"]).Allows("anything"));
    }
}
