namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>A clock whose wall time tests set; timers and delays stay real.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset now) => _now = now;

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
