using System.Buffers.Text;
using NSec.Cryptography;
using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Tests.Capabilities;

/// <summary>Builds capability.yaml texts for tests: a valid base with sections replaced by the test.</summary>
internal static class CapabilityYaml
{
    /// <summary>A valid key: seed bytes 1..32 followed by their Ed25519 public key, unpadded base64url.</summary>
    public static readonly string PrivateKey = MakePrivateKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public const string Postgres =
        """
        database:
          driver: postgres
          host: db.internal
          port: 5432
          name: legacy
          user: capability_user
          password: secret
        """;

    public const string OneCapability =
        """
        capabilities:
          get_customer:
            sql: select id from customers where id = :customer_id
            params:
              customer_id: {type: integer, required: true, minimum: 1}
        """;

    public static string MakePrivateKey(byte[] seed)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return Base64Url.EncodeToString([.. seed, .. publicKey]);
    }

    public static string Gateway(string url = "wss://gateway.example.com/ws/agent", string? key = null) =>
        $"""
        gateway:
          url: {url}
          agent_private_key: {key ?? PrivateKey}
        """;

    /// <summary>A whole file: the given sections, defaulting to a valid gateway, PostgreSQL and one capability.</summary>
    public static string File(string? capabilities = null, string? database = null, string? gateway = null, string extra = "") =>
        string.Join('\n', gateway ?? Gateway(), database ?? Postgres, extra, capabilities ?? OneCapability) + "\n";

    /// <summary>A file whose only capability is <c>get_customer</c> with the given body (indented by the helper).</summary>
    public static string WithCapability(string body, string name = "get_customer", string? database = null, string extra = "") =>
        File("capabilities:\n  " + name + ":\n" + Indent(body, 4), database, extra: extra);

    public static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join('\n', text.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }

    public static ConfigurationResult Load(string yaml, string folder = "/etc/onprest") =>
        CapabilityFileLoader.LoadText(yaml, folder);

    /// <summary>The public message of a failing load (asserting it failed).</summary>
    public static string Error(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid, "the configuration was expected to fail");
        return result.Error.PublicMessage;
    }

    /// <summary>The internal detail of a decode-time failure (asserting the class and the public message).</summary>
    public static string DecodeDetail(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid, "the configuration was expected to fail");
        Assert.Equal(ConfigurationErrorClass.Decode, result.Error.Class);
        Assert.Equal("capability configuration is invalid", result.Error.PublicMessage);
        Assert.StartsWith("parse capability.yaml: ", result.Error.Detail, StringComparison.Ordinal);
        return result.Error.Detail["parse capability.yaml: ".Length..];
    }

    /// <summary>The message of a lint-time failure (asserting the class).</summary>
    public static string LintMessage(string yaml)
    {
        var result = Load(yaml);
        Assert.False(result.IsValid, "the configuration was expected to fail");
        Assert.True(result.Error.Class == ConfigurationErrorClass.Lint, "expected a lint error, got: " + result.Error.Detail);
        Assert.Equal(result.Error.PublicMessage, result.Error.Detail);
        return result.Error.PublicMessage;
    }
}
