using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Tests.Databases;

/// <summary>One test row: a statement, the declared parameter, the call and what must come back.</summary>
public sealed record MatrixCell(string Id, string Sql, ParameterSpec Spec, string Json, string Expected, string? Readback, string? ReadbackExpected, ParamType ReadType, string? Setup);
