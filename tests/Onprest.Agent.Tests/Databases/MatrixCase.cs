namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// One parameter declaration used against a column: <see cref="Param"/> is <c>integer</c>, <c>number</c>,
/// <c>boolean</c>, <c>string</c> or <c>string/&lt;format&gt;</c>; <see cref="Json"/> is the call value (equal to row 1's
/// value); <see cref="Out"/> is the JSON the column's value reads back as when the result declares the same type.
/// </summary>
public sealed record MatrixCase(string Column, string Param, string Json, string Out);
