using System.Diagnostics;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The last line of defence for docs/configuration.md: before any span is exported, every attribute outside
/// <see cref="OnprestTelemetry.AllowedAttributes"/> is removed (instrumentation libraries add URLs, headers, client
/// addresses and more), and an error description that is not Onprest's own error code is cleared.
/// </summary>
public sealed class AllowedAttributesProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<string>? forbidden = null;
        foreach (var tag in data.TagObjects)
        {
            if (!OnprestTelemetry.AllowedAttributes.Contains(tag.Key))
            {
                (forbidden ??= []).Add(tag.Key);
            }
        }

        if (forbidden is not null)
        {
            foreach (var key in forbidden)
            {
                data.SetTag(key, null);
            }
        }

        if (data.Status == ActivityStatusCode.Error && data.GetTagItem(OnprestTelemetry.ErrorCodeAttribute) is not string)
        {
            // A description from an instrumentation library could quote an exception message.
            data.SetStatus(ActivityStatusCode.Error);
        }

    }
}
