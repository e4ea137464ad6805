using System.Buffers;

namespace Onprest.Agent.Sql;

/// <summary>Character classes of the dialect scanner (capability-yaml.md §10.1, §10.3, §10.4).</summary>
internal static class SqlCharacters
{
    /// <summary>Characters that continue a token or a placeholder name: <c>[A-Za-z0-9_]</c>.</summary>
    public static readonly SearchValues<char> WordPart =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>The whitespace that may follow a <c>;</c> (§10.3): space, tab, CR, LF.</summary>
    public static readonly SearchValues<char> StatementWhitespace = SearchValues.Create(" \t\r\n");

    /// <summary>
    /// Characters at which something other than plain code may start in some dialect; runs of anything else are
    /// one <see cref="SqlLexemeKind.Other"/> lexeme. Letters are included because they start tokens.
    /// </summary>
    public static readonly SearchValues<char> MayStartLexeme =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_ \t\r\n;:'\"`[$#-/*");

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
    /// (§10.1): space, tab, CR, LF and the other C0 controls, and DEL.
    /// </summary>
    public static bool EndsMySqlDashes(char c) => c <= ' ' || c == '\u007F';
}
