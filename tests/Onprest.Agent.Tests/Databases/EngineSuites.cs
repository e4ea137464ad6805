namespace Onprest.Agent.Tests.Databases;

/// <summary>The engine suite on an in-process SQLite file.</summary>
public sealed class SqliteEngineTests() : EngineSuite(new SqliteTarget());
