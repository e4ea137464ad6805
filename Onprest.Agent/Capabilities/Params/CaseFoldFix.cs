using System.Text;
using System.Text.RegularExpressions;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Keeps <c>\w</c> and <c>\W</c> ASCII inside a bracket expression under <c>(?i)</c>. .NET case-folds a class
/// before negating it, and its invariant case table links <c>k</c>, <c>K</c> and U+212A KELVIN SIGN — the only
/// link between ASCII word characters and other characters. So an expanded class is exact except, possibly,
/// for those three: they are removed from it by subtraction and added back case-sensitively where says
/// they belong.
/// </summary>
internal static class CaseFoldFix
{
    private const string Linked = "kK\u212A";

    /// <summary>
    /// Rewrites the class written at <paramref name="start"/> (already expanded, ending in <c>]</c>, without
    /// subtraction). <paramref name="body"/> is the class content without its shorthands.
    /// </summary>
    public static bool TryApply(StringBuilder output, int start, string body, bool negated, string shorthands)
    {
        if (!shorthands.Contains('w', StringComparison.Ordinal) && !shorthands.Contains('W', StringComparison.Ordinal))
        {
            return true;
        }

        if (!TryFoldedMembership(body, out var inBody))
        {
            return false;
        }

        var kept = new StringBuilder();
        foreach (var c in Linked)
        {
            var member = inBody(c) || InShorthands(c, shorthands);
            if (member != negated)
            {
                kept.Append(@"\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // [T] becomes (?:[T-[kK\u212A]]|(?-i:[kept])): the subtracted set is closed under folding, so only
        // those three characters change.
        output.Length--;
        if (output[^1] == '-' && output[^2] != '\\')
        {
            // A trailing literal hyphen must not run into the subtraction.
            output.Length--;
            output.Append(@"\-");
        }

        output.Append(@"-[kK\u212A]]");
        output.Insert(start, "(?:");
        if (kept.Length > 0)
        {
            output.Append("|(?-i:[").Append(kept).Append("])");
        }

        output.Append(')');
        return true;
    }

    private static bool TryFoldedMembership(string body, out Func<char, bool> member)
    {
        member = static _ => false;
        if (body.Length == 0)
        {
            return true;
        }

        // A leading "^" in the remaining content is a literal, not a negation.
        var content = body[0] == '^' ? @"\" + body : body;
        try
        {
            var regex = new Regex("(?i)^[" + content + "]$", PatternCompiler.Options);
            member = c => regex.IsMatch(c.ToString());
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            return false;
        }
    }

    private static bool InShorthands(char c, string shorthands)
    {
        foreach (var letter in shorthands)
        {
            var word = char.IsAsciiLetterOrDigit(c) || c == '_';
            var digit = char.IsAsciiDigit(c);
            var space = c is '\t' or '\n' or '\f' or '\r' or ' ';
            var match = letter switch
            {
                'w' => word,
                'W' => !word,
                'd' => digit,
                'D' => !digit,
                's' => space,
                'S' => !space,
                _ => false,
            };
            if (match)
            {
                return true;
            }
        }

        return false;
    }
}
