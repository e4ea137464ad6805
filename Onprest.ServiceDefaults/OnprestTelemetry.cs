using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The activity source, meter and attribute names both programs use (docs/configuration.md). Spans and metric points carry
/// only <see cref="AllowedAttributes"/>: never params, SQL, keys, URLs, headers, addresses or connection details.
/// </summary>
public static class OnprestTelemetry
{
    public const string SourceName = "Onprest";

    public const string CapabilityAttribute = "onprest.capability";
    public const string ApiKeyNameAttribute = "onprest.api_key.name";
    public const string StatusCodeAttribute = "http.response.status_code";
    public const string ErrorCodeAttribute = "onprest.error.code";

    /// <summary>Every attribute a span or metric point may carry.</summary>
    public static readonly IReadOnlySet<string> AllowedAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        CapabilityAttribute,
        ApiKeyNameAttribute,
        StatusCodeAttribute,
        ErrorCodeAttribute,
    };

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    /// <summary>Marks a finished span as failed with the error code as its only description.</summary>
    public static void SetError(Activity? activity, string? errorCode)
    {
        if (activity is null || errorCode is null)
        {
            return;
        }

        activity.SetTag(ErrorCodeAttribute, errorCode);
        activity.SetStatus(ActivityStatusCode.Error, errorCode);
    }
}
