namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on PostgreSQL from the environment (CI: .ci/databases.sh).</summary>
public sealed class PostgresEngineTests() : EngineSuite(new PostgresEnvTarget());

/// <summary>The engine suite on MariaDB/MySQL from the environment (CI: .ci/databases.sh).</summary>
public sealed class MySqlEngineTests() : EngineSuite(new MySqlEnvTarget());

/// <summary>The engine suite on an in-process SQLite file.</summary>
public sealed class SqliteEngineTests() : EngineSuite(new SqliteTarget());
