namespace Onprest.Agent.Sql;

/// <summary>The SQL dialects the scanner knows (docs/capability-yaml.md).</summary>
public enum SqlDialect
{
    Postgres,
    MySql,
    SqlServer,
    Sqlite,
    Oracle,
}
