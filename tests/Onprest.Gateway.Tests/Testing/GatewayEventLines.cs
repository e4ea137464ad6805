using System.Text.Json;
using Onprest.Tests.Shared;

namespace Onprest.Gateway.Tests.Testing;

internal static class GatewayEventLines
{
    /// <summary>Every event except the one <c>gateway_start</c> written when the host starts.</summary>
    public static IReadOnlyList<JsonElement> Logged(this CapturedLines output) =>
        output.Events().Where(e => e.GetProperty("event").GetString() != "gateway_start").ToList();
}
