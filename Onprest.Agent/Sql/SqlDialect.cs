namespace Onprest.Agent.Sql;

/// <summary>The SQL dialects the scanner knows (capability-yaml.md §10.1).</summary>
public enum SqlDialect
{
    Postgres,
    MySql,
    SqlServer,
    Sqlite,
    Oracle,
}
