namespace Onprest.Gateway.Logging;

/// <summary>The <c>request</c> event of docs/configuration.md. Carries names, codes and public messages only.</summary>
public sealed record RequestEvent
{
    public required string Protocol { get; init; }

    public required string RequestId { get; init; }

    public required string Capability { get; init; }

    public required string ApiKeyName { get; init; }

    public required int HttpStatus { get; init; }

    /// <summary>Rows returned or affected on success; null on every failure.</summary>
    public long? Count { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public required long DurationMs { get; init; }
}
