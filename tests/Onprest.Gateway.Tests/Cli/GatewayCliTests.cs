using System.Buffers.Text;
using System.Text.Json;
using NSec.Cryptography;
using Onprest.Gateway.Auth;
using Onprest.Gateway.Cli;
using Onprest.Gateway.Configuration;
using Onprest.Gateway.Tests.Testing;

namespace Onprest.Gateway.Tests.Cli;

public sealed class GatewayCliTests
{
    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await GatewayCli.RunAsync(args, stdout, stderr, _ => null);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("version")]
    [InlineData("--version")]
    [InlineData("-v")]
    public async Task Version_prints_the_build_version(string command) =>
        Assert.Equal((0, "dev\n", ""), await RunAsync(command));

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_prints_usage_to_stdout(string command)
    {
        var (exit, stdout, stderr) = await RunAsync(command);
        Assert.Equal(0, exit);
        Assert.StartsWith("usage:\n", stdout, StringComparison.Ordinal);
        Assert.Contains("create-agent-secret", stdout, StringComparison.Ordinal);
        Assert.Contains("healthcheck", stdout, StringComparison.Ordinal);
        Assert.Empty(stderr);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("--unknown")]
    [InlineData("version", "extra")]
    [InlineData("create-agent-secret", "x")]
    [InlineData("serve")]
    public async Task Anything_else_is_exit_2_with_usage(params string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("onprest-gateway: invalid command or arguments\nusage:\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_settings_of_a_test_host_are_not_commands()
    {
        Assert.True(GatewayCli.IsHostConfiguration([]));
        Assert.True(GatewayCli.IsHostConfiguration(["--environment=Development", "--contentRoot=/x", "--applicationName=onprest-gateway"]));
        Assert.False(GatewayCli.IsHostConfiguration(["--environment=Development", "version"]));
        Assert.False(GatewayCli.IsHostConfiguration(["--environment"]));
    }

    [Theory]
    [InlineData("create-agent-secret")]
    [InlineData("create-agent")]
    public async Task Create_agent_secret_prints_a_working_key_pair(string command)
    {
        var (exit, stdout, stderr) = await RunAsync(command);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Matches("^\\{\n  \"agent_private_key\": \"[A-Za-z0-9_-]{86}\",\n  \"agent_public_key\": \"[A-Za-z0-9_-]{43}\"\n\\}\n\\z", stdout);

        var document = JsonDocument.Parse(stdout).RootElement;
        var privateKey = Base64Url.DecodeFromChars(document.GetProperty("agent_private_key").GetString());
        var publicText = document.GetProperty("agent_public_key").GetString()!;
        var publicKey = Base64Url.DecodeFromChars(publicText);
        Assert.Equal(publicKey, privateKey[32..]);
        Assert.Equal(publicKey, AgentPublicKeyParser.Parse(publicText));

        using var key = Key.Import(SignatureAlgorithm.Ed25519, privateKey.AsSpan(0, 32), KeyBlobFormat.RawPrivateKey);
        var message = "onprest-agent-v2\nhandshake"u8.ToArray();
        var signature = SignatureAlgorithm.Ed25519.Sign(key, message);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(PublicKey.Import(SignatureAlgorithm.Ed25519, publicKey, KeyBlobFormat.RawPublicKey), message, signature));
    }

    [Fact]
    public async Task Two_runs_give_different_pairs() =>
        Assert.NotEqual((await RunAsync("create-agent-secret")).Stdout, (await RunAsync("create-agent-secret")).Stdout);

    [Theory]
    [InlineData("--name", "partner-a", "--capabilities", "get_customer, get_orders")]
    [InlineData("--name=partner-a", "--capabilities=get_customer,,get_orders,")]
    [InlineData("-name", "partner-a", "-capabilities", " get_customer ,get_orders")]
    [InlineData("-name=partner-a", "-capabilities=get_customer,get_orders", "--")]
    public async Task Create_key_prints_the_key_its_hash_and_the_list(params string[] flags)
    {
        var (exit, stdout, stderr) = await RunAsync(["create-key", .. flags]);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Matches(
            "^\\{\n  \"api_key\": \"opk_(?<id>[0-9a-f]{16})_[A-Za-z0-9_-]{43}\",\n  \"capabilities\": \\[\n    \"get_customer\",\n    \"get_orders\"\n  \\],\n  \"key_hash\": \"\\$2a\\$10\\$[./A-Za-z0-9]{53}\",\n  \"key_id\": \"\\k<id>\",\n  \"name\": \"partner-a\"\n\\}\n\\z",
            stdout);
        var document = JsonDocument.Parse(stdout).RootElement;
        Assert.True(BCrypt.Net.BCrypt.Verify(document.GetProperty("api_key").GetString(), document.GetProperty("key_hash").GetString()));
    }

    [Fact]
    public async Task Create_key_with_star_prints_a_string_and_without_list_an_empty_array()
    {
        Assert.Contains("\"capabilities\": \"*\",", (await RunAsync("create-key", "--name", "internal", "--capabilities", " * ")).Stdout, StringComparison.Ordinal);
        var none = await RunAsync("create-key", "--name", "x");
        Assert.Contains("\"capabilities\": [],", none.Stdout, StringComparison.Ordinal);
        Assert.Equal(CreateKeyCommand.NoCapabilitiesNotice + "\n", none.Stderr);
        Assert.Contains("\"capabilities\": [\n    \"*\",\n    \"a\"\n  ],", (await RunAsync("create-key", "--name", "x", "--capabilities", "*,a")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_key_output_works_in_a_real_gateway_configuration()
    {
        var (_, stdout, _) = await RunAsync("create-key", "--name", "partner-a.v2", "--capabilities", "get_customer");
        var output = JsonDocument.Parse(stdout).RootElement;
        var entry = "{\"name\":" + output.GetProperty("name").GetRawText() + ",\"key_hash\":" + output.GetProperty("key_hash").GetRawText()
            + ",\"key_id\":" + output.GetProperty("key_id").GetRawText()
            + ",\"capabilities\":" + output.GetProperty("capabilities").GetRawText() + "}";
        var (_, pair, _) = await RunAsync("create-agent-secret");
        var env = new Dictionary<string, string>
        {
            ["GATEWAY_API_KEYS_JSON"] = "'[" + entry + "]'",
            ["GATEWAY_AGENT_PUBLIC_KEY"] = JsonDocument.Parse(pair).RootElement.GetProperty("agent_public_key").GetString()!,
        };
        var options = GatewayConfigLoader.Load(name => env.GetValueOrDefault(name));
        var verifier = new ApiKeyVerifier(options, new AuthenticationCache(new ManualTimeProvider()), new Onprest.Gateway.Network.SourcePartition(options));
        var key = verifier.Verify(output.GetProperty("api_key").GetString()!, System.Net.IPAddress.Loopback).Key;
        Assert.NotNull(key);
        Assert.Equal("partner-a.v2", key.Name);
        Assert.Equal(output.GetProperty("key_id").GetString(), key.KeyId);
        Assert.True(key.Allows("get_customer"));
        Assert.False(key.Allows("get_orders"));
    }

    [Theory]
    [InlineData(new string[0], "create-key: --name is required")]
    [InlineData(new[] { "--name", "" }, "create-key: --name is required")]
    [InlineData(new[] { "--name=" }, "create-key: --name is required")]
    [InlineData(new[] { "--capabilities", "a" }, "create-key: --name is required")]
    [InlineData(new[] { "--name" }, "create-key: invalid arguments: flag --name needs a value")]
    [InlineData(new[] { "--name", "a", "--bogus", "b" }, "create-key: invalid arguments: unknown flag --bogus")]
    [InlineData(new[] { "--name", "a", "--capabilites=x" }, "create-key: invalid arguments: unknown flag --capabilites")]
    [InlineData(new[] { "--name", "a", "extra" }, "create-key: invalid arguments: unexpected argument after the flags")]
    [InlineData(new[] { "--name", "a", "--name", "b" }, "create-key: invalid arguments: flag --name is given more than once")]
    [InlineData(new[] { "--", "--name", "a" }, "create-key: invalid arguments: unexpected argument after the flags")]
    [InlineData(new[] { "positional" }, "create-key: invalid arguments: unexpected argument after the flags")]
    [InlineData(new[] { "--name", "bad name!" }, "create-key: --name must be 1 to 64 characters from A-Z a-z 0-9 . _ -")]
    [InlineData(new[] { "--name", "partner\"a\"" }, "create-key: --name must be 1 to 64 characters from A-Z a-z 0-9 . _ -")]
    [InlineData(new[] { "--name", "é" }, "create-key: --name must be 1 to 64 characters from A-Z a-z 0-9 . _ -")]
    [InlineData(new[] { "--name", "a123456789b123456789c123456789d123456789e123456789f123456789g12345" }, "create-key: --name must be 1 to 64 characters from A-Z a-z 0-9 . _ -")]
    public async Task Create_key_argument_errors_exit_2(string[] flags, string message) =>
        Assert.Equal((2, "", message + "\n"), await RunAsync(["create-key", .. flags]));
}
