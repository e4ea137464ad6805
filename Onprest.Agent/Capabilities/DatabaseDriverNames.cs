namespace Onprest.Agent.Capabilities;

/// <summary>The <c>database.driver</c> spelling of each engine, as printed by <c>validate</c> and <c>agent_ready</c>.</summary>
internal static class DatabaseDriverNames
{
    public static string ConfigName(this DatabaseDriver driver) => driver switch
    {
        DatabaseDriver.Postgres => "postgres",
        DatabaseDriver.MySql => "mysql",
        DatabaseDriver.SqlServer => "sqlserver",
        DatabaseDriver.Sqlite => "sqlite",
        _ => "oracle",
    };
}
