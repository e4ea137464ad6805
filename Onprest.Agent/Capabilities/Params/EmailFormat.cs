namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// <c>format: email</c> (docs/agent-params.md): exactly one RFC 5322 mailbox, either an
/// <c>addr-spec</c> or <c>[display-name] "&lt;" addr-spec "&gt;"</c>, with non-ASCII text allowed (RFC 6532).
/// Deliberately stricter than the RFC grammar where the spec says so: no comments, no groups or lists, no
/// whitespace at either end, no folding (CR/LF), no whitespace inside the <c>addr-spec</c>.
/// </summary>
internal static class EmailFormat
{
    public static bool IsValid(string value)
    {
        if (value.Length == 0 || IsWhitespace(value[0]) || IsWhitespace(value[^1]))
        {
            return false;
        }

        var pos = 0;
        if (TryAddrSpec(value, ref pos) && pos == value.Length)
        {
            return true;
        }

        return IsNameAddr(value);
    }

    private static bool IsNameAddr(string value)
    {
        // display-name = phrase = 1*word, word = atom / quoted-string; "." is allowed between words
        // (RFC 5322 obs-phrase), as in "John Q. Public <jqp@example.com>".
        if (value[0] == '.')
        {
            return false;
        }

        var pos = 0;
        while (pos < value.Length && value[pos] != '<')
        {
            var c = value[pos];
            if (c is ' ' or '\t' or '.' || IsAtext(c))
            {
                pos++;
            }
            else if (c == '"')
            {
                if (!TryQuotedString(value, ref pos, allowEmpty: true))
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (pos >= value.Length || value[^1] != '>')
        {
            return false;
        }

        pos++;
        return TryAddrSpec(value, ref pos) && pos == value.Length - 1;
    }

    private static bool TryAddrSpec(string value, ref int pos)
    {
        var start = pos;
        var localOk = pos < value.Length && value[pos] == '"'
            ? TryQuotedString(value, ref pos, allowEmpty: false)
            : TryDotAtom(value, ref pos);
        if (!localOk || pos >= value.Length || value[pos] != '@')
        {
            pos = start;
            return false;
        }

        pos++;
        var domainOk = pos < value.Length && value[pos] == '['
            ? TryDomainLiteral(value, ref pos)
            : TryDotAtom(value, ref pos);
        if (!domainOk)
        {
            pos = start;
        }

        return domainOk;
    }

    private static bool TryDotAtom(string value, ref int pos)
    {
        // dot-atom-text = 1*atext *("." 1*atext): no leading, trailing or doubled dots.
        var start = pos;
        var atomLength = 0;
        while (pos < value.Length)
        {
            var c = value[pos];
            if (IsAtext(c))
            {
                atomLength++;
            }
            else if (c == '.' && atomLength > 0)
            {
                atomLength = 0;
            }
            else
            {
                break;
            }

            pos++;
        }

        if (atomLength == 0)
        {
            pos = start;
            return false;
        }

        return true;
    }

    private static bool TryQuotedString(string value, ref int pos, bool allowEmpty)
    {
        // DQUOTE *(qtext / quoted-pair / WSP) DQUOTE; folding (CR LF) is not accepted.
        var start = pos;
        pos++;
        var contentStart = pos;
        while (pos < value.Length)
        {
            var c = value[pos];
            if (c == '"')
            {
                pos++;
                if (!allowEmpty && pos - contentStart == 1)
                {
                    pos = start;
                    return false;
                }

                return true;
            }

            if (c == '\\')
            {
                if (pos + 1 >= value.Length || !IsQuotedPairChar(value[pos + 1]))
                {
                    break;
                }

                pos += 2;
                continue;
            }

            if (!IsQtext(c) && c is not (' ' or '\t'))
            {
                break;
            }

            pos++;
        }

        pos = start;
        return false;
    }

    private static bool TryDomainLiteral(string value, ref int pos)
    {
        // "[" *dtext "]", dtext = printable ASCII except "[", "]", "\" (plus non-ASCII, RFC 6532).
        var start = pos;
        pos++;
        while (pos < value.Length)
        {
            var c = value[pos];
            if (c == ']')
            {
                pos++;
                return true;
            }

            if (!(c is >= '!' and <= 'Z' or >= '^' and <= '~' || c >= 0x80))
            {
                break;
            }

            pos++;
        }

        pos = start;
        return false;
    }

    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c >= 0x80 || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);

    // qtext: printable ASCII except "\" and DQUOTE, plus non-ASCII.
    private static bool IsQtext(char c) => c is '!' or >= '#' and <= '[' or >= ']' and <= '~' || c >= 0x80;

    // quoted-pair: "\" followed by VCHAR or WSP (or non-ASCII).
    private static bool IsQuotedPairChar(char c) => c is >= '!' and <= '~' or ' ' or '\t' || c >= 0x80;

    private static bool IsWhitespace(char c) => char.IsWhiteSpace(c);
}
