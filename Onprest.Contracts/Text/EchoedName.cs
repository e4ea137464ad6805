namespace Onprest.Contracts.Text;

/// <summary>
/// A name that a message or a log line repeats back (a parameter name, a capability name) is cut to at most
/// <see cref="MaxCodePoints"/> code points, the last of them <see cref="Mark"/>, so a caller who sends a
/// megabyte-long name gets a short message and cannot make the agent or the gateway write a megabyte-long line.
/// A surrogate pair is one code point and is never split.
/// </summary>
public static class EchoedName
{
    public const int MaxCodePoints = 64;

    /// <summary>Marks a cut name: what is shown is a prefix, not the whole name.</summary>
    public const char Mark = '…';

    public static string Cut(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Every code point is one or two UTF-16 units, so a name this short cannot be too long.
        if (name.Length <= MaxCodePoints)
        {
            return name;
        }

        // Keep MaxCodePoints - 1 code points, then the mark; a name of exactly MaxCodePoints code points stays whole.
        var kept = 0;
        var index = 0;
        while (index < name.Length && kept < MaxCodePoints - 1)
        {
            index += IsPairAt(name, index) ? 2 : 1;
            kept++;
        }

        // Nothing or exactly one code point left: the name has at most MaxCodePoints and stays whole.
        if (index >= name.Length || index + (IsPairAt(name, index) ? 2 : 1) == name.Length)
        {
            return name;
        }

        return name[..index] + Mark;
    }

    private static bool IsPairAt(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);
}
