using System.Text;

namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// Rewrites a pattern into the.NET syntax with the meaning gives it, and rejects the constructs that
/// would silently mean something else. A small scanner that tracks character classes (with .NET subtraction),
/// escapes, <c>(?#…)</c> comments and the scope of the <c>x</c> flag (whitespace and <c>#</c> comments).
/// </summary>
internal static class PatternTranslator
{
    // ASCII classes of the handbook as explicit ranges, so they mean the same inside and outside brackets.
    private const string Digit = @"\u0030-\u0039";
    private const string NotDigit = @"\u0000-\u002F\u003A-\uFFFF";
    private const string Word = @"\u0030-\u0039\u0041-\u005A\u005F\u0061-\u007A";
    private const string NotWord = @"\u0000-\u002F\u003A-\u0040\u005B-\u005E\u0060\u007B-\uFFFF";
    private const string Space = @"\u0009\u000A\u000C\u000D\u0020";
    private const string NotSpace = @"\u0000-\u0008\u000B\u000E-\u001F\u0021-\uFFFF";

    public static bool TryTranslate(string pattern, out string translated)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var scanner = new Scanner(pattern, output);
        var ok = scanner.Run();
        translated = ok ? output.ToString() : "";
        return ok;
    }

    private static string? ShorthandRanges(char c) => c switch
    {
        'd' => Digit,
        'D' => NotDigit,
        'w' => Word,
        'W' => NotWord,
        's' => Space,
        'S' => NotSpace,
        _ => null,
    };

    private sealed class Scanner(string pattern, StringBuilder output)
    {
        private readonly Stack<InlineFlags> _savedFlags = new();
        private InlineFlags _flags;
        private StringBuilder? _classBody;
        private int _pos;

        public bool Run()
        {
            while (_pos < pattern.Length)
            {
                var c = pattern[_pos];
                switch (c)
                {
                    case '\\':
                        if (!EscapeOutsideClass())
                        {
                            return false;
                        }

                        break;
                    case '[':
                        if (!CharacterClass())
                        {
                            return false;
                        }

                        break;
                    case '(':
                        OpenGroup();
                        break;
                    case ')':
                        _flags = _savedFlags.Count > 0 ? _savedFlags.Pop() : _flags;
                        Copy(1);
                        break;
                    case '{':
                        if (!Repetition())
                        {
                            return false;
                        }

                        break;
                    case '$':
                        // `$` is the very end of the value, also under (?m), never before a trailing \n.
                        output.Append(@"\z");
                        _pos++;
                        break;
                    case '#' when _flags.Extended:
                        CopyUntilLineEnd();
                        break;
                    default:
                        Copy(1);
                        break;
                }
            }

            return true;
        }

        private bool EscapeOutsideClass()
        {
            if (_pos + 1 >= pattern.Length)
            {
                Copy(1);
                return true;
            }

            var next = pattern[_pos + 1];
            if (next == 'Z')
            {
                return false;
            }

            var ranges = ShorthandRanges(next);
            if (ranges is null)
            {
                Copy(EscapeLength());
                return true;
            }

            // (?-i:…) keeps (?i) from widening the ASCII letters of \w to U+212A KELVIN SIGN (see CaseFoldFix).
            output.Append("(?-i:[").Append(ranges).Append("])");
            _pos += 2;
            return true;
        }

        private bool CharacterClass()
        {
            var start = output.Length;
            var depth = 0;
            var first = true;
            var afterHyphen = false;
            var negated = false;
            var subtraction = false;
            var shorthands = "";
            try
            {
                while (_pos < pattern.Length)
                {
                    var c = pattern[_pos];
                    if (c == '[' && (depth == 0 || afterHyphen))
                    {
                        // A new class, or a .NET subtraction "-[…]".
                        subtraction |= depth > 0;
                        _classBody = null;
                        depth++;
                        Copy(1);
                        if (_pos < pattern.Length && pattern[_pos] == '^')
                        {
                            negated |= depth == 1;
                            Copy(1);
                        }

                        _classBody = depth == 1 ? new StringBuilder() : null;
                        first = true;
                        afterHyphen = false;
                        continue;
                    }

                    if (c == '[' && IsPosixClassAt(_pos))
                    {
                        return false;
                    }

                    if (c == ']' && !first)
                    {
                        afterHyphen = false;
                        depth--;
                        if (depth == 0)
                        {
                            var body = _classBody?.ToString() ?? "";
                            _classBody = null;
                            Copy(1);
                            return subtraction || !_flags.IgnoreCase || CaseFoldFix.TryApply(output, start, body, negated, shorthands);
                        }

                        Copy(1);
                        continue;
                    }

                    afterHyphen = c == '-' && !first;
                    first = false;
                    if (c != '\\')
                    {
                        Copy(1);
                        continue;
                    }

                    if (_pos + 1 >= pattern.Length)
                    {
                        Copy(1);
                        continue;
                    }

                    var next = pattern[_pos + 1];
                    if (next == 'Z')
                    {
                        return false;
                    }

                    var ranges = ShorthandRanges(next);
                    if (ranges is null)
                    {
                        Copy(EscapeLength());
                        continue;
                    }

                    output.Append(ranges);
                    shorthands += next;
                    _pos += 2;

                    // After a class escape .NET reads "-x" as a literal hyphen; the expansion ends in a plain
                    // character, so the hyphen is escaped to keep it from forming a range with it.
                    if (_pos + 1 < pattern.Length && pattern[_pos] == '-' && pattern[_pos + 1] != '[' && pattern[_pos + 1] != ']')
                    {
                        output.Append(@"\-");
                        _classBody?.Append(@"\-");
                        _pos++;
                    }
                }

                // Unterminated class: the engine reports it when compiling.
                return true;
            }
            finally
            {
                _classBody = null;
            }
        }

        // "\cX" names a control character: X is part of the escape ("\c[" is ESC, not a class).
        private int EscapeLength() =>
            pattern[_pos + 1] == 'c' && _pos + 2 < pattern.Length ? 3 : 2;

        private bool IsPosixClassAt(int at)
        {
            // "[:name:]" inside a bracket expression.
            if (at + 1 >= pattern.Length || pattern[at + 1] != ':')
            {
                return false;
            }

            var i = at + 2;
            while (i < pattern.Length && char.IsAsciiLetter(pattern[i]))
            {
                i++;
            }

            return i + 1 < pattern.Length && pattern[i] == ':' && pattern[i + 1] == ']';
        }

        private void OpenGroup()
        {
            if (_pos + 2 < pattern.Length && pattern[_pos + 1] == '?' && pattern[_pos + 2] == '#')
            {
                // (?#comment): copied verbatim, nothing inside is syntax.
                var end = pattern.IndexOf(')', _pos);
                Copy(end < 0 ? pattern.Length - _pos : end - _pos + 1);
                return;
            }

            if (_pos + 1 < pattern.Length && pattern[_pos + 1] == '?')
            {
                var i = _pos + 2;
                var flags = _flags;
                var negate = false;
                while (i < pattern.Length && "imnsx-".Contains(pattern[i], StringComparison.Ordinal))
                {
                    flags = pattern[i] switch
                    {
                        'x' => flags with { Extended = !negate },
                        'i' => flags with { IgnoreCase = !negate },
                        _ => flags,
                    };
                    negate |= pattern[i] == '-';
                    i++;
                }

                if (i < pattern.Length && pattern[i] == ')')
                {
                    // (?flags) applies to the rest of the enclosing group.
                    _flags = flags;
                    Copy(i - _pos + 1);
                    return;
                }

                if (i < pattern.Length && pattern[i] == ':')
                {
                    _savedFlags.Push(_flags);
                    _flags = flags;
                    Copy(i - _pos + 1);
                    return;
                }
            }

            _savedFlags.Push(_flags);
            Copy(1);
        }

        private bool Repetition()
        {
            // {n}, {n,}, {n,m}; anything else is a literal brace in .NET.
            var i = _pos + 1;
            if (!ReadCount(ref i, out var low))
            {
                Copy(1);
                return true;
            }

            var high = 0L;
            if (i < pattern.Length && pattern[i] == ',')
            {
                i++;
                if (i < pattern.Length && char.IsAsciiDigit(pattern[i]) && !ReadCount(ref i, out high))
                {
                    Copy(1);
                    return true;
                }
            }

            if (i >= pattern.Length || pattern[i] != '}')
            {
                Copy(1);
                return true;
            }

            if (low > PatternCompiler.MaxRepetitionCount || high > PatternCompiler.MaxRepetitionCount)
            {
                return false;
            }

            Copy(i - _pos + 1);
            return true;
        }

        private bool ReadCount(ref int i, out long value)
        {
            value = 0;
            var start = i;
            while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
            {
                // Saturate: any count beyond the limit is rejected, however many digits it has.
                value = Math.Min(value * 10 + (pattern[i] - '0'), int.MaxValue);
                i++;
            }

            return i > start;
        }

        private void CopyUntilLineEnd()
        {
            var end = pattern.IndexOf('\n', _pos);
            Copy(end < 0 ? pattern.Length - _pos : end - _pos + 1);
        }

        private void Copy(int count)
        {
            output.Append(pattern, _pos, count);
            _classBody?.Append(pattern, _pos, count);
            _pos += count;
        }

        private readonly record struct InlineFlags(bool Extended, bool IgnoreCase);
    }
}
