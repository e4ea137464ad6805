using System.Buffers.Text;
using System.Security.Cryptography;

namespace Onprest.Gateway.Cli;

/// <summary><c>create-key --name NAME [--capabilities LIST]</c> (cli.md §1.2, decision D34).</summary>
public static class CreateKeyCommand
{
    public const int BcryptCost = 10;

    private static readonly HashSet<string> KnownFlags = ["name", "capabilities"];

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = CliArguments.Parse(args, KnownFlags);
        if (parsed is null || parsed.Positionals.Count > 0)
        {
            stderr.WriteLine("create-key: invalid arguments");
            return 2;
        }

        if (!parsed.Flags.TryGetValue("name", out var name) || name.Length == 0)
        {
            stderr.WriteLine("create-key: --name is required");
            return 2;
        }

        var capabilities = parsed.Flags.TryGetValue("capabilities", out var list)
            ? list.Split(',').Select(entry => entry.Trim()).Where(entry => entry.Length > 0).ToList()
            : [];

        var apiKey = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
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
            json.WriteString("name", name);
            json.WriteEndObject();
        }));
        return 0;
    }
}
