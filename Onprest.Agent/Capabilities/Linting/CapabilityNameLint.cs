using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>Capability names (docs/capability-yaml.md).</summary>
internal static class CapabilityNameLint
{
    /// <summary>The tunnel's metadata request name; a capability may not take it.</summary>
    public const string Reserved = "meta";

    public static void Check(string name)
    {
        if (!IsValid(name))
        {
            throw new ConfigurationLintException($"capabilities.{KeySanitizer.Sanitize(name)} name is invalid");
        }

        if (name == Reserved)
        {
            throw new ConfigurationLintException("capabilities.meta name is reserved");
        }
    }

    /// <summary><c>^[a-zA-Z][a-zA-Z0-9_.-]{0,127}$</c>.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 128
        && char.IsAsciiLetter(name[0])
        && name.AsSpan(1).IndexOfAnyExcept(AllowedRest) < 0;

    private static readonly System.Buffers.SearchValues<char> AllowedRest =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");
}
