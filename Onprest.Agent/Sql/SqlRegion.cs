namespace Onprest.Agent.Sql;

/// <summary>The protected-region states of <see cref="SqlLexer"/> (docs/capability-yaml.md table).</summary>
internal enum SqlRegion
{
    /// <summary><c>'…'</c>; <c>''</c> escapes, backslash per <see cref="SqlScanMode"/>.</summary>
    SingleQuoted,

    /// <summary><c>"…"</c>; <c>""</c> escapes, backslash per <see cref="SqlScanMode"/>.</summary>
    DoubleQuoted,

    /// <summary>PostgreSQL <c>E'…'</c>: backslash always escapes.</summary>
    EscapeString,

    /// <summary>MySQL and SQLite <c>`…`</c>; a doubled backtick escapes.</summary>
    Backticked,

    /// <summary><c>[…]</c>: SQL Server with <c>]]</c> as an escape, SQLite up to the first <c>]</c>.</summary>
    Bracketed,

    /// <summary><c>--</c> (and MySQL <c>#</c>) to the end of the line.</summary>
    LineComment,

    /// <summary><c>/* … */</c>, nested for PostgreSQL and SQL Server.</summary>
    BlockComment,
}
