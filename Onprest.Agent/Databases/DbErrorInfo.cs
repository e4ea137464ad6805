namespace Onprest.Agent.Databases;

/// <summary>
/// A classified database error. <see cref="Code"/> is the engine's identifier (<c>SQLSTATE 23505</c>,
/// <c>error 1062</c>, <c>result 2067</c>, <c>transport</c>) and, like <see cref="Detail"/>, goes to the detail log only.
/// </summary>
public sealed record DbErrorInfo(DbErrorKind Kind, string Code, string Detail);
