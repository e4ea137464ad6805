using System.Buffers.Text;
using System.Text.Json;
using NSec.Cryptography;
using Onprest.EndToEnd.Tests.Infrastructure;

namespace Onprest.EndToEnd.Tests.Shipping;

/// <summary>The shipped examples fit together and pass the agent's own lint.</summary>
public sealed class ExampleFilesTests
{
    public static TheoryData<string> CapabilityFiles() => new(Directory.GetFiles(RepositoryPaths.Combine("examples"), "capability.*.yaml").Select(Path.GetFileName)!);

    [Fact]
    public void Gateway_env_keeps_the_bcrypt_dollars_in_single_quotes_and_its_key_matches_the_documented_plaintext()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("examples", "gateway.env"));
        var keys = lines.Single(l => l.StartsWith("GATEWAY_API_KEYS_JSON=", StringComparison.Ordinal))["GATEWAY_API_KEYS_JSON=".Length..];
        var plaintext = lines.Single(l => l.Contains("plaintext development API key", StringComparison.Ordinal)).Split(':')[^1].Trim();

        Assert.StartsWith("'", keys, StringComparison.Ordinal);
        Assert.EndsWith("'", keys, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(keys[1..^1]);
        var hash = json.RootElement[0].GetProperty("key_hash").GetString()!;
        Assert.StartsWith("$2a$10$", hash, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify(plaintext, hash));
    }

    [Theory]
    [MemberData(nameof(CapabilityFiles))]
    public void Every_example_agent_key_is_the_pair_of_the_example_gateway_key(string file)
    {
        var yaml = File.ReadAllLines(RepositoryPaths.Combine("examples", file));
        var privateKey = yaml.Single(l => l.TrimStart().StartsWith("agent_private_key:", StringComparison.Ordinal)).Split(':')[1].Trim();
        var publicKey = File.ReadAllLines(RepositoryPaths.Combine("examples", "gateway.env"))
            .Single(l => l.StartsWith("GATEWAY_AGENT_PUBLIC_KEY=", StringComparison.Ordinal)).Split('=')[1];

        var bytes = Base64Url.DecodeFromChars(privateKey);
        using var key = Key.Import(SignatureAlgorithm.Ed25519, bytes[..32], KeyBlobFormat.RawPrivateKey);
        Assert.Equal(publicKey, Base64Url.EncodeToString(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        Assert.Equal(publicKey, Base64Url.EncodeToString(bytes[32..]));
    }

    [Theory]
    [MemberData(nameof(CapabilityFiles))]
    public async Task Every_example_capability_file_passes_the_config_stage_of_validate(string file)
    {
        var folder = Directory.CreateTempSubdirectory("onprest-example-").FullName;
        try
        {
            var agent = Path.Combine(folder, Path.GetFileName(PublishedBinaries.Agent));
            File.Copy(PublishedBinaries.Agent, agent);
            File.Copy(RepositoryPaths.Combine("examples", file), Path.Combine(folder, "capability.yaml"));
            await using var process = ProcessHost.Start(agent, ["validate", "--config", Path.Combine(folder, "capability.yaml"), "--format", "json"], new Dictionary<string, string?>(), folder);
            await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var line = process.Stdout.Single();
            using var json = JsonDocument.Parse(line);

            // No database runs for the examples here: a failure must come from a database stage, never from the config.
            Assert.True(
                json.RootElement.GetProperty("valid").GetBoolean() || json.RootElement.GetProperty("stage").GetString() != "config",
                line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
