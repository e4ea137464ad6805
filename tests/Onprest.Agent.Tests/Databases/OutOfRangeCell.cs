namespace Onprest.Agent.Tests.Databases;

/// <summary>A value the database must refuse as outside the range of the type it gave the placeholder.</summary>
public sealed record OutOfRangeCell(string Id, string Sql, string Param, string Json);
