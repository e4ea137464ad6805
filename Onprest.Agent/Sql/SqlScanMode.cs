namespace Onprest.Agent.Sql;

/// <summary>
/// One reading of the text. The server settings that change where regions end are not known when the file is
/// linted, so <see cref="SqlScanner.Analyze"/> scans once per plausible setting and the SQL must pass every
/// reading (docs/capability-yaml.md); <see cref="SqlScanner.Rewrite"/> uses the server default.
/// </summary>
/// <param name="Dialect">The configured <c>database.driver</c>.</param>
/// <param name="BackslashEscapesInSingleQuotes">A backslash escapes the next character in ordinary <c>'…'</c>.</param>
/// <param name="BackslashEscapesInDoubleQuotes">A backslash escapes the next character in <c>"…"</c>.</param>
/// <param name="ConditionalCommentsAsCode">
/// MySQL <c>/*!NNNNN</c> and <c>/*M!</c> comments are scanned as SQL (the server runs them) rather than skipped
/// (a server older than the version, or MySQL reading a MariaDB-only comment).
/// </param>
/// <param name="LineCommentsEndAtCarriageReturn">A lone CR ends a <c>--</c> comment (SQL Server, Oracle readings).</param>
/// <param name="NestedExecutableMarkersAsCode">
/// Inside a MySQL executable comment, a further <c>/*!</c> or <c>/*M!</c> is another executable marker whose text
/// runs (MariaDB does this; the first <c>*/</c> then ends executable text altogether) rather than an ordinary comment.
/// </param>
internal readonly record struct SqlScanMode(
    SqlDialect Dialect,
    bool BackslashEscapesInSingleQuotes,
    bool BackslashEscapesInDoubleQuotes,
    bool ConditionalCommentsAsCode,
    bool LineCommentsEndAtCarriageReturn,
    bool NestedExecutableMarkersAsCode = false)
{
    /// <summary>
    /// How a freshly installed server reads the text: backslash literal for PostgreSQL (outside E-strings),
    /// an escape in both quote kinds for MySQL; executable comments run.
    /// </summary>
    public static SqlScanMode ServerDefault(SqlDialect dialect) => new(
        dialect,
        BackslashEscapesInSingleQuotes: dialect == SqlDialect.MySql,
        BackslashEscapesInDoubleQuotes: dialect == SqlDialect.MySql,
        ConditionalCommentsAsCode: true,
        LineCommentsEndAtCarriageReturn: dialect == SqlDialect.Postgres,
        NestedExecutableMarkersAsCode: dialect == SqlDialect.MySql);
}
