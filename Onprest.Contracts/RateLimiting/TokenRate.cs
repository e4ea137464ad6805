namespace Onprest.Contracts.RateLimiting;

/// <summary>
/// The rate of a token bucket as an exact fraction: <see cref="Tokens"/> tokens every <see cref="PerNanoseconds"/>
/// nanoseconds, at most <see cref="Burst"/> tokens held. The agent's <c>rate_limit</c> policies are already in this
/// form; the gateway's per-source rate (a decimal number per second) is converted by <see cref="PerSecond"/>.
/// </summary>
public sealed record TokenRate
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    // Rates of one or more per second keep six decimals: millionths of a token per 10^6 s.
    private const long Millionths = 1_000_000;

    // Above this every product below stays inside Int128 and the bucket is full again within a nanosecond anyway.
    private const double MaxPerSecond = long.MaxValue / (double)Millionths;

    public TokenRate(long tokens, long perNanoseconds, long burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokens, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perNanoseconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        Tokens = tokens;
        PerNanoseconds = perNanoseconds;
        Burst = burst;
    }

    public long Tokens { get; }

    public long PerNanoseconds { get; }

    public long Burst { get; }

    /// <summary>
    /// <paramref name="perSecond"/> tokens a second (any positive finite number): from one a second upwards to a
    /// millionth of a token a second; below one a second as one token every so many nanoseconds (to the nanosecond,
    /// and at least one token every 292 years).
    /// </summary>
    public static TokenRate PerSecond(double perSecond, long burst)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "a rate must be a positive finite number");
        }

        if (perSecond >= 1)
        {
            var tokens = Math.Round(Math.Min(perSecond, MaxPerSecond) * Millionths);
            return new TokenRate(tokens >= long.MaxValue ? long.MaxValue : (long)tokens, Millionths * NanosecondsPerSecond, burst);
        }

        var interval = Math.Round(NanosecondsPerSecond / perSecond);
        return new TokenRate(1, interval >= long.MaxValue ? long.MaxValue : (long)interval, burst);
    }
}
