using System.Buffers.Text;
using System.Security.Cryptography;

namespace Onprest.Gateway.Auth;

/// <summary>
/// The API key format <c>opk_&lt;id&gt;_&lt;secret&gt;</c>. The id is public and names the configured entry
/// (its <c>key_id</c>), so a presented key is compared with one bcrypt hash rather than every hash; a key whose id no
/// entry carries costs no bcrypt work at all. The bcrypt hash covers the whole key, id included. Keys without the
/// prefix (made before this format) stay valid and are compared with the entries that carry no id.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "opk_";

    /// <summary>Ids are 1–32 lowercase ASCII letters or digits; <c>create-key</c> makes 16.</summary>
    public const int MaxIdLength = 32;

    private const int GeneratedIdBytes = 8;
    private const int SecretBytes = 32;

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyz");

    /// <summary>A new id (16 lowercase hex digits) and the full key that carries it (64 characters).</summary>
    public static (string Id, string Key) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(GeneratedIdBytes));
        return (id, Prefix + id + "_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));
    }

    /// <summary>True for a syntactically valid id.</summary>
    public static bool IsValidId(ReadOnlySpan<char> id) =>
        id.Length is > 0 and <= MaxIdLength && !id.ContainsAnyExcept(IdCharacters);

    /// <summary>The id of a prefixed key (a slice of <paramref name="token"/>), or false when the token has no valid id part.</summary>
    public static bool TryReadId(ReadOnlySpan<char> token, out ReadOnlySpan<char> id)
    {
        id = default;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token[Prefix.Length..];
        var end = rest.IndexOf('_');
        if (end <= 0 || end == rest.Length - 1 || !IsValidId(rest[..end]))
        {
            return false;
        }

        id = rest[..end];
        return true;
    }
}
