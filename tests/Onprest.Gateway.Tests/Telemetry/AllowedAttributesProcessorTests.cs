using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Onprest.Gateway.Tests.Telemetry;

public sealed class AllowedAttributesProcessorTests
{
    [Fact]
    public void Removes_every_attribute_outside_the_allowed_set_before_export()
    {
        using var activity = new Activity("GET /api/v1/capabilities/{name}");
        activity.Start();
        activity.SetTag("url.path", "/api/v1/capabilities/get_customer?email=ada@example.com");
        activity.SetTag("client.address", "203.0.113.10");
        activity.SetTag("http.request.header.authorization", "Bearer secret");
        activity.SetTag(OnprestTelemetry.CapabilityAttribute, "get_customer");
        activity.SetTag(OnprestTelemetry.ApiKeyNameAttribute, "partner-a");
        activity.SetTag(OnprestTelemetry.StatusCodeAttribute, 200);
        activity.Stop();

        new AllowedAttributesProcessor().OnEnd(activity);

        Assert.Equal(
            [OnprestTelemetry.StatusCodeAttribute, OnprestTelemetry.ApiKeyNameAttribute, OnprestTelemetry.CapabilityAttribute],
            activity.TagObjects.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_error_description_from_instrumentation_is_dropped_unless_it_is_the_error_code()
    {
        using var foreign = new Activity("x");
        foreign.Start();
        foreign.SetStatus(ActivityStatusCode.Error, "Npgsql: relation \"customers\" does not exist at 10.0.0.5");
        foreign.Stop();
        using var ours = new Activity("y");
        ours.Start();
        OnprestTelemetry.SetError(ours, "AGENT_QUERY_FAILED");
        ours.Stop();

        new AllowedAttributesProcessor().OnEnd(foreign);
        new AllowedAttributesProcessor().OnEnd(ours);

        Assert.Equal(ActivityStatusCode.Error, foreign.Status);
        Assert.Null(foreign.StatusDescription);
        Assert.Equal("AGENT_QUERY_FAILED", ours.StatusDescription);
    }
}
