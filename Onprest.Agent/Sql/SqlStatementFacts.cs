namespace Onprest.Agent.Sql;

/// <summary>
/// The rules applied to one reading (<see cref="SqlScanMode"/>) of the text, in a single pass over the
/// lexemes without allocating.
/// </summary>
internal static class SqlStatementFacts
{
    public static SqlReading Read(ReadOnlySpan<char> sql, SqlScanMode mode)
    {
        var lexer = new SqlLexer(sql, mode);
        var sqlServer = mode.Dialect == SqlDialect.SqlServer;
        var operation = SqlOperation.Unsupported;
        var sawFirstToken = false;
        var sawSemicolon = false;
        var single = true;
        var into = false;
        var returning = false;
        var setCount = 0;

        while (lexer.TryRead(out var lexeme))
        {
            // After a ';' only whitespace and comments may follow (executable-comment markers are skipped text).
            if (sawSemicolon && lexeme.Kind is not (SqlLexemeKind.Whitespace or SqlLexemeKind.Comment
                    or SqlLexemeKind.ExecutableCommentMarker))
            {
                single = false;
            }

            ReadOnlySpan<char> token;
            switch (lexeme.Kind)
            {
                case SqlLexemeKind.Semicolon:
                    sawSemicolon = true;
                    continue;
                case SqlLexemeKind.Word:
                    token = sql.Slice(lexeme.Start, lexeme.Length);
                    break;
                case SqlLexemeKind.Placeholder:
                    // The name is a run of token characters outside protected regions, so it is a token too.
                    token = sql.Slice(lexeme.Start + 1, lexeme.Length - 1);
                    break;
                default:
                    continue;
            }

            if (!sawFirstToken)
            {
                sawFirstToken = true;
                operation = OperationOf(token);
                continue;
            }

            // Length first: most tokens are column and table names, and this runs once per token per reading.
            switch (token.Length)
            {
                case 4 when Is(token, "into"):
                    into = true;
                    break;
                case 9 when Is(token, "returning"):
                case 6 when sqlServer && Is(token, "output"):
                    returning = true;
                    break;
                case 3 when sqlServer && Is(token, "set"):
                    setCount++;
                    break;
                case >= 2 and <= 11 when sqlServer && SqlServerStatementKeywords.Contains(token):
                    single = false;
                    break;
            }
        }

        // T-SQL needs no ';' between statements: a SET after the first token is a statement, except the one
        // SET clause of an UPDATE.
        if (setCount > (operation == SqlOperation.Update ? 1 : 0))
        {
            single = false;
        }

        var dml = operation is SqlOperation.Insert or SqlOperation.Update or SqlOperation.Delete;
        return new SqlReading(single, operation, operation == SqlOperation.Select && into, dml && returning);
    }

    private static SqlOperation OperationOf(ReadOnlySpan<char> token) =>
        Is(token, "select") ? SqlOperation.Select
        : Is(token, "insert") ? SqlOperation.Insert
        : Is(token, "update") ? SqlOperation.Update
        : Is(token, "delete") ? SqlOperation.Delete
        : SqlOperation.Unsupported;

    private static bool Is(ReadOnlySpan<char> token, string word) =>
        token.Equals(word, StringComparison.OrdinalIgnoreCase);
}
