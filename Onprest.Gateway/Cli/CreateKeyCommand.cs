using System.Buffers;
using Onprest.Contracts.Cli;
using Onprest.Gateway.Auth;

namespace Onprest.Gateway.Cli;

/// <summary>
/// <c>create-key --name NAME [--capabilities LIST]</c>: a new key of the <c>opk_&lt;id&gt;_&lt;secret&gt;</c> format,
/// its bcrypt hash and the <c>GATEWAY_API_KEYS_JSON</c> entry members, <c>key_id</c> included (docs/gateway.md).
/// </summary>
public static class CreateKeyCommand
{
    public const int BcryptCost = 10;

    /// <summary>Names are written into logs and configuration; a conservative charset keeps them readable and unambiguous there.</summary>
    public const int MaxNameLength = 64;

    public const string NoCapabilitiesNotice =
        "create-key: no --capabilities given: this key may call no capability until capabilities are added to its entry";

    private static readonly HashSet<string> KnownFlags = ["name", "capabilities"];

    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliFlagReader.Read(args, KnownFlags);
        if (!parsed.Ok)
        {
            stderr.WriteLine($"create-key: invalid arguments: {parsed.Error}");
            return 2;
        }

        if (parsed.Positionals.Count > 0)
        {
            stderr.WriteLine("create-key: invalid arguments: unexpected argument after the flags");
            return 2;
        }

        if (parsed["name"] is not { Length: > 0 } name)
        {
            stderr.WriteLine("create-key: --name is required");
            return 2;
        }

        if (!IsValidName(name))
        {
            stderr.WriteLine($"create-key: --name must be 1 to {MaxNameLength} characters from A-Z a-z 0-9 . _ -");
            return 2;
        }

        var capabilities = parsed["capabilities"] is { } list
            ? list.Split(',').Select(entry => entry.Trim()).Where(entry => entry.Length > 0).ToList()
            : [];
        if (capabilities.Count == 0)
        {
            stderr.WriteLine(NoCapabilitiesNotice);
        }

        var (keyId, apiKey) = ApiKeyFormat.Create();
        var hash = BCrypt.Net.BCrypt.HashPassword(apiKey, BcryptCost);
        stdout.Write(CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("api_key", apiKey);
            if (capabilities is ["*"])
            {
                json.WriteString("capabilities", "*");
            }
            else
            {
                json.WriteStartArray("capabilities");
                capabilities.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }

            json.WriteString("key_hash", hash);
            json.WriteString("key_id", keyId);
            json.WriteString("name", name);
            json.WriteEndObject();
        }));
        return 0;
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= MaxNameLength && !name.AsSpan().ContainsAnyExcept(NameCharacters);
}
