namespace Onprest.Agent.Sql;

/// <summary>One lexeme: a kind and the range of the scanned text it covers.</summary>
internal readonly record struct SqlLexeme(SqlLexemeKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}
