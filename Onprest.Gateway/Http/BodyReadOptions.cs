namespace Onprest.Gateway.Http;

/// <summary>Limits for REST and MCP bodies (docs/gateway.md).</summary>
/// <param name="MaxBytes"><c>GATEWAY_MAX_REQUEST_BODY_BYTES</c>.</param>
/// <param name="Deadline">15 s from the start of the request; not configurable in production.</param>
public sealed record BodyReadOptions(long MaxBytes, TimeSpan Deadline);
