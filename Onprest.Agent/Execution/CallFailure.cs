using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>A failed call: the public error and the private detail destined for the detail log only.</summary>
internal sealed record CallFailure(PublicError Error, string Detail);
