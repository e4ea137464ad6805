using Onprest.Agent.Sql;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// The capability-level SQL rules of docs/capability-yaml.md on the dialect scanner's analysis, in the order
/// single statement → operation → SELECT with max_affected_rows → readonly → returning → result.
/// </summary>
internal static class SqlLint
{
    public static SqlOperation Check(string capability, string sql, SqlDialect dialect, EffectivePolicy policy, bool hasResult)
    {
        var analysis = SqlScanner.Analyze(sql, dialect);
        if (!analysis.IsSingleStatement)
        {
            throw new ConfigurationLintException($"{capability}.sql must contain exactly one statement");
        }

        var operation = analysis.Operation;
        if (operation == SqlOperation.Unsupported || (operation == SqlOperation.Select && analysis.SelectHasInto))
        {
            throw new ConfigurationLintException($"{capability}.sql operation is not supported");
        }

        var isSelect = operation == SqlOperation.Select;
        if (isSelect && policy.MaxAffectedRows is not null)
        {
            throw new ConfigurationLintException($"{capability}.policy.max_affected_rows is only supported for DML");
        }

        if (policy.Readonly && !isSelect)
        {
            throw new ConfigurationLintException($"{capability}.sql must be SELECT when policy.readonly is true");
        }

        if (!isSelect && analysis.DmlReturnsRows)
        {
            throw new ConfigurationLintException($"{capability}.sql returning rows from DML is not supported");
        }

        if (!isSelect && hasResult)
        {
            throw new ConfigurationLintException($"{capability}.result is only supported for SELECT");
        }

        return operation;
    }

    public static SqlDialect DialectOf(DatabaseDriver driver) => driver switch
    {
        DatabaseDriver.Postgres => SqlDialect.Postgres,
        DatabaseDriver.MySql => SqlDialect.MySql,
        DatabaseDriver.SqlServer => SqlDialect.SqlServer,
        DatabaseDriver.Sqlite => SqlDialect.Sqlite,
        _ => SqlDialect.Oracle,
    };
}
