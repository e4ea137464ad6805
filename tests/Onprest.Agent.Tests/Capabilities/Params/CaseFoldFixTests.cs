using System.Text.RegularExpressions;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>
/// <c>\w \W</c> are ASCII classes also inside brackets under <c>(?i)</c>. Checked over every UTF-16 unit
/// against the definition: a character is in the class when the other members match it case-insensitively or
/// one of the ASCII classes contains it.
/// </summary>
public sealed class CaseFoldFixTests
{
    [Theory]
    [InlineData(@"\w", "", false)]
    [InlineData(@"\W", "", false)]
    [InlineData(@"\w", "", true)]
    [InlineData(@"\W", "", true)]
    [InlineData(@"\W", "k", false)]
    [InlineData(@"\w", "k", true)]
    [InlineData(@"\w", ".-", false)]
    [InlineData(@"\W\d", "", false)]
    [InlineData(@"\w", "-", false)]
    [InlineData(@"\W", "\u212A", true)]
    [InlineData(@"\w\s", "é", false)]
    [InlineData(@"\S\W", "", true)]
    public void Class_escapes_stay_ascii_under_ignore_case(string shorthands, string others, bool negated)
    {
        var pattern = "(?i)^[" + (negated ? "^" : "") + shorthands + Regex.Escape(others).Replace("-", @"\-", StringComparison.Ordinal) + "]$";
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        var othersFolded = others.Length == 0
            ? null
            : new Regex("(?i)^[" + Regex.Escape(others).Replace("-", @"\-", StringComparison.Ordinal) + "]$", RegexOptions.CultureInvariant);
        var mismatches = new List<string>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            var member = (othersFolded?.IsMatch(c.ToString()) ?? false) || InAsciiClasses(c, shorthands);
            if (regex.IsMatch(c.ToString()) != (member != negated))
            {
                mismatches.Add(i.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(@"(?i)^[\w.-]+$", "Kelvin", true)]
    [InlineData(@"(?i)^[\w.-]+$", "\u212A", false)]
    [InlineData(@"(?i)^[^\W]$", "k", true)]
    [InlineData(@"(?i)^[^\W]$", "\u212A", false)]
    [InlineData(@"(?i:[\W])", "k", false)]
    [InlineData(@"(?i:x)[\W]", "k", false)]
    [InlineData(@"(?i)(?-i:[\W])", "k", false)]
    [InlineData(@"(?i)^[\w-]$", "-", true)]           // a trailing literal hyphen stays literal
    [InlineData(@"(?i)^[\w-]$", "\u212A", false)]
    [InlineData(@"(?i)^[.\w-]+$", "a-K.k", true)]
    [InlineData(@"^[\W]$", "\u212A", true)]           // without (?i) nothing is rewritten
    [InlineData(@"(?i)^[\w-[k]]$", "a", true)]        // subtraction classes keep the plain expansion
    public void Ignore_case_scope_is_followed(string pattern, string value, bool expected)
    {
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        Assert.Equal(expected, regex.IsMatch(value));
    }

    private static bool InAsciiClasses(char c, string shorthands)
    {
        var word = char.IsAsciiLetterOrDigit(c) || c == '_';
        var digit = char.IsAsciiDigit(c);
        var space = c is '\t' or '\n' or '\f' or '\r' or ' ';
        for (var i = 1; i < shorthands.Length; i += 2)
        {
            var hit = shorthands[i] switch
            {
                'w' => word,
                'W' => !word,
                'd' => digit,
                'D' => !digit,
                's' => space,
                'S' => !space,
                _ => throw new ArgumentException(shorthands, nameof(shorthands)),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }
}
