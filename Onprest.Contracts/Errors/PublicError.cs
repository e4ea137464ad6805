namespace Onprest.Contracts.Errors;

/// <summary>A stable public error: a code from <see cref="ErrorCodes"/> and a generic public message.</summary>
/// <param name="Code">The stable code callers branch on.</param>
/// <param name="Message">The fixed public message; never contains values, SQL or driver text.</param>
public sealed record PublicError(string Code, string Message);
