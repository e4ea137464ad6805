namespace Onprest.Gateway.Logging;

/// <summary>The gateway's request ids: ULIDs (26 characters), also used as the tunnel id.</summary>
public static class RequestIds
{
    public static string New() => Ulid.NewUlid().ToString();
}
