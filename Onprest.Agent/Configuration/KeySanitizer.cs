namespace Onprest.Agent.Configuration;

/// <summary>
/// The key sanitizer of docs/capability-yaml.md: a key from the file is echoed only when it is a safe,
/// single-line name, so messages never carry raw file text (control characters, escapes, values).
/// A leading digit is also echoed:'s own example prints <c>capabilities.1bad name is invalid</c>
/// (docs/capability-yaml-limits.md).
/// </summary>
internal static class KeySanitizer
{
    public const string InvalidKey = "<invalid-key>";

    /// <summary>True when <paramref name="key"/> matches <c>^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$</c>.</summary>
    public static bool IsSafe(string key)
    {
        if (key.Length is 0 or > 128 || !(IsAsciiLetter(key[0]) || char.IsAsciiDigit(key[0]) || key[0] == '_'))
        {
            return false;
        }

        for (var i = 1; i < key.Length; i++)
        {
            var c = key[i];
            if (!(IsAsciiLetter(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Sanitize(string key) => IsSafe(key) ? key : InvalidKey;

    private static bool IsAsciiLetter(char c) => char.IsAsciiLetter(c);
}
