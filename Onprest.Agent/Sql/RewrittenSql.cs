namespace Onprest.Agent.Sql;

/// <summary>
/// SQL with every <c>:name</c> placeholder replaced by the engine's positional form (docs/capability-yaml.md).
/// <see cref="ParameterNames"/> has one entry per occurrence, left to right: a name used twice appears twice.
/// </summary>
public sealed record RewrittenSql(string Text, IReadOnlyList<string> ParameterNames);
