namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on an in-process SQLite file.</summary>
public sealed class SqliteEngineTests() : EngineSuite(new SqliteTarget());

/// <summary>The engine suite on a PostgreSQL 15 container (Testcontainers; skipped without Docker).</summary>
public sealed class PostgresContainerEngineTests() : EngineSuite(new PostgresContainerTarget());

/// <summary>The engine suite on a SQL Server container (Testcontainers; skipped without Docker): SQL Server is only testable there.</summary>
public sealed class SqlServerContainerEngineTests() : EngineSuite(new SqlServerContainerTarget());
