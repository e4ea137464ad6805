namespace Onprest.Agent.Sql;

/// <summary>What one lexeme of <see cref="SqlLexer"/> is, as the statement rules and the rewriter see it.</summary>
internal enum SqlLexemeKind
{
    /// <summary>A token: a maximal run of <c>[A-Za-z_][A-Za-z0-9_]*</c> outside protected regions.</summary>
    Word,

    /// <summary><c>:name</c>; the name starts one character after the lexeme.</summary>
    Placeholder,

    Semicolon,

    /// <summary>A run of space, tab, CR and LF: the only whitespace allowed after a <c>;</c>.</summary>
    Whitespace,

    /// <summary>Any other text outside protected regions: operators, digits, <c>::</c>, other whitespace, non-ASCII.</summary>
    Other,

    /// <summary>A protected string or quoted identifier, including dollar quotes and Oracle q-quotes.</summary>
    Quoted,

    /// <summary>A protected comment, including optimizer hints.</summary>
    Comment,

    /// <summary>
    /// The opening <c>/*!</c> / <c>/*M!</c> or the closing <c>*/</c> of a MySQL executable comment: skipped, while the
    /// text between them is scanned as SQL.
    /// </summary>
    ExecutableCommentMarker,
}
