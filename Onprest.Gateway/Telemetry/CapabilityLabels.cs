using System.Collections.Concurrent;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Telemetry;

/// <summary>
/// Keeps the capability label of every metric a closed set: a name counts as itself only once the agent has
/// published it in its metadata; anything else (a typo, a scan of random paths, an empty name) is
/// <see cref="Other"/>. Names stay known after the agent disconnects, so offline errors keep their capability.
/// </summary>
internal static class CapabilityLabels
{
    /// <summary>The label of every capability name the agent never published.</summary>
    public const string Other = "other";

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);

    public static string Of(string capability, IAgentTunnel tunnel)
    {
        if (capability.Length == 0)
        {
            return Other;
        }

        if (Known.TryGetValue(capability, out var known))
        {
            return known;
        }

        if (tunnel.Metadata is { } metadata && metadata.ResponseKinds.ContainsKey(capability))
        {
            // Bounded by what the agent publishes; the stored instance is reused for every later call.
            return Known.GetOrAdd(capability, capability);
        }

        return Other;
    }
}
