namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// <c>format: uri</c> (docs/agent-params.md) in two steps: a syntactically valid URI reference
/// (else <c>must be uri</c>), then a scheme (else <c>must include URI scheme</c>).
/// </summary>
internal static class UriFormat
{
    public enum Result
    {
        Valid,
        Invalid,
        MissingScheme,
    }

    public static Result Check(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 || c == 0x7F)
            {
                return Result.Invalid;
            }
        }

        if (value.StartsWith(':'))
        {
            return Result.Invalid;
        }

        // The fragment is split off first and the query next, so "?" and "#" end the authority and the path.
        var hash = value.IndexOf('#');
        var fragment = hash < 0 ? "" : value[(hash + 1)..];
        var rest = hash < 0 ? value : value[..hash];
        if (!PercentEscapesValid(fragment))
        {
            return Result.Invalid;
        }

        var schemeLength = SchemeLength(rest);
        var hasScheme = schemeLength > 0;
        if (hasScheme)
        {
            rest = rest[(schemeLength + 1)..];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            rest = rest[..question];
        }

        if (!rest.StartsWith('/'))
        {
            if (hasScheme)
            {
                // A rootless part after a scheme is opaque (mailto:, urn:): nothing more to check.
                return Result.Valid;
            }

            var slash = rest.IndexOf('/');
            var firstSegment = slash < 0 ? rest : rest[..slash];
            if (firstSegment.Contains(':', StringComparison.Ordinal))
            {
                return Result.Invalid;
            }
        }

        var path = rest;
        if (hasScheme && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            path = slash < 0 ? "" : authority[slash..];
            authority = slash < 0 ? authority : authority[..slash];
            if (!AuthorityValid(authority))
            {
                return Result.Invalid;
            }
        }

        if (!PercentEscapesValid(path))
        {
            return Result.Invalid;
        }

        return hasScheme ? Result.Valid : Result.MissingScheme;
    }

    /// <summary>The length of a leading scheme (letter, then letters, digits, <c>+ - .</c>) before <c>:</c>; 0 when none.</summary>
    private static int SchemeLength(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return 0;
        }

        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return 0;
    }

    private static bool AuthorityValid(string authority)
    {
        var at = authority.LastIndexOf('@');
        var host = authority;
        if (at >= 0)
        {
            if (!UserinfoValid(authority[..at]))
            {
                return false;
            }

            host = authority[(at + 1)..];
        }

        string port;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                return false;
            }

            var afterBracket = host[(close + 1)..];
            if (afterBracket.Length > 0 && afterBracket[0] != ':')
            {
                return false;
            }

            port = afterBracket.Length > 0 ? afterBracket[1..] : "";
            host = host[..(close + 1)];
        }
        else
        {
            var colon = host.LastIndexOf(':');
            port = colon < 0 ? "" : host[(colon + 1)..];
            host = colon < 0 ? host : host[..colon];
        }

        foreach (var c in port)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        foreach (var c in host)
        {
            if (c is ' ' or '{' or '}' or '|' or '\\' or '^' or '`')
            {
                return false;
            }
        }

        return PercentEscapesValid(host);
    }

    private static bool UserinfoValid(string userinfo)
    {
        for (var i = 0; i < userinfo.Length; i++)
        {
            var c = userinfo[i];
            if (c == '%')
            {
                if (!HexPairAt(userinfo, i + 1))
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && !"-._~!$&'()*+,;=:".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool PercentEscapesValid(string text)
    {
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 3))
        {
            if (!HexPairAt(text, i + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HexPairAt(string text, int at) =>
        at + 1 < text.Length && char.IsAsciiHexDigit(text[at]) && char.IsAsciiHexDigit(text[at + 1]);
}
