using Onprest.Contracts.Errors;

namespace Onprest.Agent.Execution;

/// <summary>The outcome of executing one admitted call.</summary>
public abstract record ExecutionOutcome
{
    private ExecutionOutcome()
    {
    }

    /// <summary><paramref name="ResultJson"/> is the <c>result</c> object: <c>{"rows":[…],"count":N}</c> or <c>{"count":N}</c>.</summary>
    public sealed record Success(ReadOnlyMemory<byte> ResultJson) : ExecutionOutcome;

    /// <summary>A public error; its private detail has already been written to the detail log.</summary>
    public sealed record Failure(PublicError Error) : ExecutionOutcome;
}
