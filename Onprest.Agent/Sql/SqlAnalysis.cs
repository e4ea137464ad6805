namespace Onprest.Agent.Sql;

/// <summary>
/// The syntactic facts the capability-level SQL rules need (docs/capability-yaml.md).
/// </summary>
/// <param name="IsSingleStatement">
/// False when a <c>;</c> outside protected regions is followed by anything but whitespace and comments, when
/// a SQL Server statement keyword follows the first token, or when the text contains U+0000.
/// </param>
/// <param name="Operation">The first token; <see cref="SqlOperation.Unsupported"/> for anything else.</param>
/// <param name="SelectHasInto">The operation is SELECT and the token <c>into</c> appears.</param>
/// <param name="DmlReturnsRows">
/// The operation is INSERT/UPDATE/DELETE and <c>returning</c> (any dialect) or <c>output</c> (SQL Server) follows.
/// </param>
public sealed record SqlAnalysis(bool IsSingleStatement, SqlOperation Operation, bool SelectHasInto, bool DmlReturnsRows);
