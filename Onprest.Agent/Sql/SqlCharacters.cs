namespace Onprest.Agent.Sql;

/// <summary>Character classes of the dialect scanner (docs/capability-yaml.md).</summary>
internal static class SqlCharacters
{
    /// <summary>Continues a token or a placeholder name: <c>[A-Za-z0-9_]</c>.</summary>
    public const byte WordPart = 1;

    /// <summary>The whitespace that may follow a <c>;</c>: space, tab, CR, LF.</summary>
    public const byte StatementWhitespace = 2;

    /// <summary>
    /// Something other than plain code may start here in some dialect; runs of anything else are one
    /// <see cref="SqlLexemeKind.Other"/> lexeme. Letters are included because they start tokens.
    /// </summary>
    public const byte MayStartLexeme = 4;

    // One byte of flags per ASCII character: a table lookup per character is cheaper than a vectorized search
    // call for the short runs SQL is made of (the scanner is budgeted at 20 µs per 4 KB statement).
    private static ReadOnlySpan<byte> AsciiClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 6, 0, 0, 6, 0, 0, // \t \n \r
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        6, 0, 4, 4, 4, 0, 0, 4, 0, 0, 4, 0, 0, 4, 0, 4, // space " # $ ' * - /
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 0, 0, 0, 0, // 0-9 : ;
        0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, // A-O
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 0, 0, 0, 5, // P-Z [ _
        4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, // ` a-o
        5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 0, 0, // p-z
    ];

    public static bool Is(char c, byte flag) => c < 128 && (AsciiClasses[c] & flag) != 0;

    public static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>
    /// A character that may continue an identifier in the server's own lexer, for the "not preceded by an
    /// identifier character" rules of E-strings, dollar quotes (PostgreSQL: letter, digit, <c>_</c>, <c>$</c>) and
    /// q-quotes (Oracle also allows <c>#</c>). Both servers treat every non-ASCII character as an identifier
    /// character, so a non-ASCII letter before <c>E'</c> or <c>$$</c> does not open a region here either.
    /// </summary>
    public static bool IsIdentifierPart(char c, SqlDialect dialect) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c >= '\u0080' || (c == '#' && dialect == SqlDialect.Oracle);

    /// <summary>PostgreSQL dollar-quote tag start: a letter (ASCII or any non-ASCII character, as the server) or <c>_</c>.</summary>
    public static bool IsDollarTagStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    public static bool IsDollarTagPart(char c) => IsDollarTagStart(c) || char.IsAsciiDigit(c);

    /// <summary>
    /// MySQL starts a <c>--</c> comment only when the dashes are followed by whitespace or a control character
    /// space, tab, CR, LF and the other C0 controls, and DEL.
    /// </summary>
    public static bool EndsMySqlDashes(char c) => c <= ' ' || c == '\u007F';
}
