using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Compiles a parameter <c>pattern</c> under the rules of docs/agent-params.md: the.NET
/// non-backtracking engine (matching time linear in the value), unanchored search, <c>$</c> only at the very end
/// of the value, ASCII <c>\d \w \s</c>, <c>\Z</c> and POSIX bracket classes rejected, counts ≤ 1000,
/// at most 4096 characters.
/// </summary>
public static class PatternCompiler
{
    /// <summary>The longest pattern accepted, in UTF-16 code units.</summary>
    public const int MaxPatternLength = 4096;

    /// <summary>The largest count allowed in <c>{n}</c>, <c>{n,}</c>, <c>{n,m}</c>.</summary>
    public const int MaxRepetitionCount = 1000;

    // exactly these options; everything else comes from inline flags in the pattern.
    internal const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>
    /// Returns false when the pattern breaks any rule of the handbook (lint: <c>&lt;path&gt;.pattern is invalid</c>);
    /// otherwise the compiled expression, to be used with <see cref="Regex.IsMatch(string)"/>.
    /// </summary>
    public static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex)
    {
        regex = null;
        if (pattern is null || pattern.Length > MaxPatternLength)
        {
            return false;
        }

        if (!PatternTranslator.TryTranslate(pattern, out var translated))
        {
            return false;
        }

        try
        {
            // The pattern as written must compile on its own: the translation widens nothing the engine rejects
            // (e.g. "[a-\d]" stays invalid although its translation would be a plain range).
            _ = new Regex(pattern, Options);
            regex = new Regex(translated, Options);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            // Constructs the non-backtracking engine cannot run (backreferences, lookarounds, atomic groups,
            // conditionals, \G) and automata above the engine's size limit.
            return false;
        }
    }
}
