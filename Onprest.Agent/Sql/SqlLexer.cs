namespace Onprest.Agent.Sql;

/// <summary>
/// The dialect scanner (docs/capability-yaml.md): splits SQL text into code lexemes and protected regions.
/// </summary>
/// <remarks>
/// An explicit state machine without recursion or per-character allocation. Between lexemes the scanner is in
/// the code state; a region opener moves it into one of the <see cref="SqlRegion"/> states, which runs to the
/// region's end (or the end of the text: an unterminated region extends to the end) and returns to code.
/// The only state kept across lexemes is whether a MySQL executable comment is open, because its closing
/// <c>*/</c> is a marker rather than two operators. Nested comment depth is a counter, so 1 MB of <c>/*</c>
/// cannot exhaust the stack.
/// </remarks>
internal ref struct SqlLexer
{
    private readonly ReadOnlySpan<char> _text;
    private readonly SqlScanMode _mode;
    private int _position;
    private bool _inExecutableComment;

    public SqlLexer(ReadOnlySpan<char> text, SqlScanMode mode)
    {
        _text = text;
        _mode = mode;
    }

    private readonly SqlDialect Dialect => _mode.Dialect;

    /// <summary>Reads the next lexeme; false at the end of the text.</summary>
    public bool TryRead(out SqlLexeme lexeme)
    {
        var start = _position;
        if (start >= _text.Length)
        {
            lexeme = default;
            return false;
        }

        var (kind, end) = ReadCode(start);
        _position = end;
        lexeme = new SqlLexeme(kind, start, end - start);
        return true;
    }

    /// <summary>The code state: decides what starts at <paramref name="p"/> and where it ends.</summary>
    private (SqlLexemeKind Kind, int End) ReadCode(int p)
    {
        var c = _text[p];
        switch (c)
        {
            case ' ' or '\t' or '\r' or '\n':
                return (SqlLexemeKind.Whitespace, RunEnd(p + 1, SqlCharacters.StatementWhitespace));
            case ';':
                return (SqlLexemeKind.Semicolon, p + 1);
            case ':':
                return ReadColon(p);
            case '\'':
                return Region(SqlRegion.SingleQuoted, p + 1);
            case '"':
                return Region(SqlRegion.DoubleQuoted, p + 1);
            case '`' when Dialect is SqlDialect.MySql or SqlDialect.Sqlite:
                return Region(SqlRegion.Backticked, p + 1);
            case '[' when Dialect is SqlDialect.SqlServer or SqlDialect.Sqlite:
                return Region(SqlRegion.Bracketed, p + 1);
            case '$' when Dialect == SqlDialect.Postgres && TryReadDollarTag(p, out var tagEnd):
                return (SqlLexemeKind.Quoted, ScanDollarQuoted(_text[p..tagEnd], tagEnd));
            case '#' when Dialect == SqlDialect.MySql:
                return Region(SqlRegion.LineComment, p + 1);
            case '-' when IsLineCommentStart(p):
                return Region(SqlRegion.LineComment, p + 2);
            case '/' when At(p + 1) == '*' && !(Dialect == SqlDialect.Sqlite && p + 2 == _text.Length):
                // SQLite reads a "/*" that ends the text as the operators / and *, not as a comment.
                return ReadSlashStar(p);
            case '*' when _inExecutableComment && At(p + 1) == '/':
                _inExecutableComment = false;
                return (SqlLexemeKind.ExecutableCommentMarker, p + 2);
        }

        if (SqlCharacters.IsWordStart(c))
        {
            return ReadWordOrPrefixedQuote(p);
        }

        var end = p + 1;
        while (end < _text.Length && !SqlCharacters.Is(_text[end], SqlCharacters.MayStartLexeme))
        {
            end++;
        }

        return (SqlLexemeKind.Other, end);
    }

    private (SqlLexemeKind Kind, int End) ReadColon(int p)
    {
        var next = At(p + 1);
        if (next == ':')
        {
            // A cast (now::date) is copied literally and never starts a placeholder.
            return (SqlLexemeKind.Other, p + 2);
        }

        return SqlCharacters.IsWordStart(next)
            ? (SqlLexemeKind.Placeholder, RunEnd(p + 2, SqlCharacters.WordPart))
            : (SqlLexemeKind.Other, p + 1);
    }

    private (SqlLexemeKind Kind, int End) ReadWordOrPrefixedQuote(int p)
    {
        var c = _text[p];
        if (Dialect == SqlDialect.Postgres && c is 'E' or 'e' && At(p + 1) == '\'' && !IsPrecededByIdentifier(p))
        {
            return Region(SqlRegion.EscapeString, p + 2);
        }

        if (Dialect == SqlDialect.Oracle && !IsPrecededByIdentifier(p))
        {
            // q'…' and the national nq'…' (Oracle reads both as alternative quotes).
            var q = c is 'n' or 'N' ? p + 1 : p;
            if (At(q) is 'q' or 'Q' && At(q + 1) == '\'')
            {
                return (SqlLexemeKind.Quoted, ScanAlternativeQuoted(q + 2));
            }
        }

        return (SqlLexemeKind.Word, RunEnd(p + 1, SqlCharacters.WordPart));
    }

    private (SqlLexemeKind Kind, int End) ReadSlashStar(int p)
    {
        if (Dialect == SqlDialect.MySql && (!_inExecutableComment || _mode.NestedExecutableMarkersAsCode))
        {
            var markerLength = At(p + 2) == '!' ? 3 : At(p + 2) is 'M' or 'm' && At(p + 3) == '!' ? 4 : 0;
            if (markerLength > 0)
            {
                var conditional = markerLength == 4 || char.IsAsciiDigit(At(p + 3));
                if (!conditional || _mode.ConditionalCommentsAsCode)
                {
                    // Nested or not, there is one executable state: the first */ ends it (MariaDB, verified).
                    _inExecutableComment = true;
                    return (SqlLexemeKind.ExecutableCommentMarker, p + markerLength);
                }
            }
        }

        // Inside an executable comment a plain /* is an ordinary comment; so is a further /*! or /*M! in the
        // reading where nested markers do not run.
        return Region(SqlRegion.BlockComment, p + 2);
    }

    private (SqlLexemeKind Kind, int End) Region(SqlRegion region, int contentStart) => region switch
    {
        SqlRegion.SingleQuoted => (SqlLexemeKind.Quoted, ScanQuoted(contentStart, '\'', _mode.BackslashEscapesInSingleQuotes)),
        SqlRegion.DoubleQuoted => (SqlLexemeKind.Quoted, ScanQuoted(contentStart, '"', _mode.BackslashEscapesInDoubleQuotes)),
        SqlRegion.EscapeString => (SqlLexemeKind.Quoted, ScanEscapeString(contentStart)),
        SqlRegion.Backticked => (SqlLexemeKind.Quoted, ScanQuoted(contentStart, '`', backslashEscapes: false)),
        SqlRegion.Bracketed => (SqlLexemeKind.Quoted, Dialect == SqlDialect.SqlServer
            ? ScanQuoted(contentStart, ']', backslashEscapes: false)
            : EndAfter(contentStart, _text[contentStart..].IndexOf(']'), 1)),
        SqlRegion.LineComment => (SqlLexemeKind.Comment, ScanLineComment(contentStart)),
        SqlRegion.BlockComment => (SqlLexemeKind.Comment, Dialect is SqlDialect.Postgres or SqlDialect.SqlServer
            ? ScanNestedComment(contentStart)
            : EndAfter(contentStart, _text[contentStart..].IndexOf("*/"), 2)),
        _ => throw new System.Diagnostics.UnreachableException(),
    };

    /// <summary>
    /// <c>'…'</c>, <c>"…"</c>, backticks and SQL Server brackets: a doubled closing character is an escaped one;
    /// with <paramref name="backslashEscapes"/> a backslash escapes the next character.
    /// </summary>
    private readonly int ScanQuoted(int i, char close, bool backslashEscapes)
    {
        while (true)
        {
            var rest = _text[i..];
            var offset = backslashEscapes ? rest.IndexOfAny(close, '\\') : rest.IndexOf(close);
            if (offset < 0)
            {
                return _text.Length;
            }

            i += offset;
            if (_text[i] == '\\' || At(i + 1) == close)
            {
                i = Math.Min(i + 2, _text.Length);
                continue;
            }

            return i + 1;
        }
    }

    /// <summary>
    /// PostgreSQL <c>E'…'</c>: backslash always escapes. A quote separated from the closing quote by whitespace
    /// containing a newline continues the same string (the server's string continuation), so the continuation
    /// also reads backslashes as escapes.
    /// </summary>
    private readonly int ScanEscapeString(int i)
    {
        while (true)
        {
            var end = ScanQuoted(i, '\'', backslashEscapes: true);
            var continuation = ContinuationQuote(end);
            if (continuation < 0)
            {
                return end;
            }

            i = continuation + 1;
        }
    }

    /// <summary>
    /// The position of a continuing quote after a closed string, or -1: horizontal space or <c>--</c> comments,
    /// a newline, then any whitespace or <c>--</c> comments, then <c>'</c> (PostgreSQL scan.l <c>quotecontinue</c>).
    /// </summary>
    private readonly int ContinuationQuote(int i)
    {
        if (i >= _text.Length)
        {
            return -1;
        }

        var sawNewline = false;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c is '\n' or '\r')
            {
                sawNewline = true;
                i++;
            }
            else if (c is ' ' or '\t' or '\f' or '\v')
            {
                i++;
            }
            else if (c == '-' && At(i + 1) == '-')
            {
                var newline = _text[i..].IndexOfAny('\n', '\r');
                if (newline < 0)
                {
                    return -1;
                }

                i += newline;
            }
            else
            {
                return c == '\'' && sawNewline ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// Whether a PostgreSQL dollar-quote opener <c>$tag$</c> starts at <paramref name="p"/>: the tag is
    /// empty or a letter or <c>_</c> followed by letters, digits or <c>_</c>, and the <c>$</c> is not preceded by
    /// an identifier character.
    /// </summary>
    private readonly bool TryReadDollarTag(int p, out int tagEnd)
    {
        tagEnd = 0;
        if (IsPrecededByIdentifier(p))
        {
            return false;
        }

        var i = p + 1;
        if (i < _text.Length && SqlCharacters.IsDollarTagStart(_text[i]))
        {
            i++;
            while (i < _text.Length && SqlCharacters.IsDollarTagPart(_text[i]))
            {
                i++;
            }
        }

        if (At(i) != '$')
        {
            return false;
        }

        tagEnd = i + 1;
        return true;
    }

    private readonly int ScanDollarQuoted(ReadOnlySpan<char> tag, int contentStart) =>
        EndAfter(contentStart, _text[contentStart..].IndexOf(tag), tag.Length);

    /// <summary>
    /// Oracle <c>q'&lt;d&gt;…&lt;d&gt;'</c>: the delimiter is the character after the quote (a surrogate
    /// pair counts as one character); brackets close with their partner, anything else with itself.
    /// </summary>
    private readonly int ScanAlternativeQuoted(int delimiterStart)
    {
        if (delimiterStart >= _text.Length)
        {
            return _text.Length;
        }

        var open = _text[delimiterStart];
        var delimiterLength = char.IsHighSurrogate(open) && char.IsLowSurrogate(At(delimiterStart + 1)) ? 2 : 1;
        Span<char> closing = stackalloc char[3];
        closing[0] = open switch
        {
            '[' => ']',
            '(' => ')',
            '{' => '}',
            '<' => '>',
            _ => open,
        };
        if (delimiterLength == 2)
        {
            closing[1] = _text[delimiterStart + 1];
        }

        closing[delimiterLength] = '\'';
        closing = closing[..(delimiterLength + 1)];
        var contentStart = delimiterStart + delimiterLength;
        return EndAfter(contentStart, _text[contentStart..].IndexOf(closing), closing.Length);
    }

    /// <summary>
    /// A line comment ends before the server's end-of-line character, which differs: PostgreSQL CR or LF; MySQL
    /// LF or NUL; SQLite LF; SQL Server and Oracle LF, and in a second reading also CR.
    /// </summary>
    private readonly int ScanLineComment(int i)
    {
        var rest = _text[i..];
        var offset = Dialect switch
        {
            SqlDialect.Postgres => rest.IndexOfAny('\n', '\r'),
            SqlDialect.MySql => rest.IndexOfAny('\n', '\0'),
            SqlDialect.SqlServer or SqlDialect.Oracle when _mode.LineCommentsEndAtCarriageReturn => rest.IndexOfAny('\n', '\r'),
            _ => rest.IndexOf('\n'),
        };
        return offset < 0 ? _text.Length : i + offset;
    }

    /// <summary>PostgreSQL and SQL Server: <c>/*</c> inside a comment opens a level, <c>*/</c> closes one.</summary>
    private readonly int ScanNestedComment(int i)
    {
        var depth = 1;
        while (true)
        {
            var offset = _text[i..].IndexOfAny('*', '/');
            if (offset < 0)
            {
                return _text.Length;
            }

            i += offset;
            if (_text[i] == '*' && At(i + 1) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else if (_text[i] == '/' && At(i + 1) == '*')
            {
                i += 2;
                depth++;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary><c>--</c> starts a comment, except in MySQL when not followed by whitespace, a control character or the end.</summary>
    private readonly bool IsLineCommentStart(int p) =>
        At(p + 1) == '-'
        && (Dialect != SqlDialect.MySql || p + 2 >= _text.Length || SqlCharacters.EndsMySqlDashes(_text[p + 2]));

    private readonly bool IsPrecededByIdentifier(int p) =>
        p > 0 && SqlCharacters.IsIdentifierPart(_text[p - 1], Dialect);

    /// <summary>The end of a run of characters of class <paramref name="flag"/> starting at <paramref name="i"/>.</summary>
    private readonly int RunEnd(int i, byte flag)
    {
        while (i < _text.Length && SqlCharacters.Is(_text[i], flag))
        {
            i++;
        }

        return i;
    }

    /// <summary>The end of a region whose closer was found at <paramref name="offset"/> (or not at all: the end of the text).</summary>
    private readonly int EndAfter(int contentStart, int offset, int closerLength) =>
        offset < 0 ? _text.Length : contentStart + offset + closerLength;

    /// <summary>The character at <paramref name="i"/>, or U+0000 past the end (never an opener or closer).</summary>
    private readonly char At(int i) => (uint)i < (uint)_text.Length ? _text[i] : '\0';
}
