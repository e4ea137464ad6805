namespace Onprest.Agent.Sql;

/// <summary>The facts of one reading of the text; <see cref="SqlScanner.Analyze"/> combines the readings.</summary>
internal readonly record struct SqlReading(bool IsSingleStatement, SqlOperation Operation, bool SelectHasInto, bool DmlReturnsRows);
