using System.Collections.Frozen;

namespace Onprest.Agent.Sql;

/// <summary>
/// Tokens that start another T-SQL statement when they follow the first token (docs/capability-yaml.md).
/// <c>set</c> is handled by the caller: one <c>set</c> is part of an UPDATE.
/// </summary>
internal static class SqlServerStatementKeywords
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "insert", "update", "delete", "merge", "exec", "execute", "declare", "create", "alter", "drop", "truncate",
        "grant", "revoke", "deny", "begin", "commit", "rollback", "save", "waitfor", "use", "dbcc", "bulk", "backup",
        "restore", "kill", "shutdown", "reconfigure", "checkpoint", "print", "raiserror", "throw", "goto", "return",
        "while", "if", "break", "continue", "open", "close", "deallocate", "readtext", "writetext",
        "updatetext", "setuser", "revert", "receive", "send");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The keywords, for tests that walk the whole list.</summary>
    public static IEnumerable<string> All => Keywords;

    public static bool Contains(ReadOnlySpan<char> token) => Lookup.Contains(token);
}
