using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>
/// Policy merge and lint of docs/capability-yaml.md: built-in defaults, then <c>defaults</c>, then
/// <c>&lt;cap&gt;.policy</c>, field by field (<c>rate_limit</c> as a whole); checks in the order of the table.
/// </summary>
internal static class PolicyLint
{
    private const string BuiltInTimeout = "5s";
    private const string BuiltInMaxBytes = "1MB";
    private const int BuiltInMaxRows = 100;

    /// <summary><paramref name="overriding"/> over <paramref name="inherited"/>; an empty duration or size text counts as not set.</summary>
    public static RawPolicy Merge(RawPolicy inherited, RawPolicy overriding) => new()
    {
        Readonly = overriding.Readonly ?? inherited.Readonly,
        Timeout = NonEmpty(overriding.Timeout) ?? NonEmpty(inherited.Timeout),
        MaxRows = overriding.MaxRows ?? inherited.MaxRows,
        MaxBytes = NonEmpty(overriding.MaxBytes) ?? NonEmpty(inherited.MaxBytes),
        MaxAffectedRows = overriding.MaxAffectedRows ?? inherited.MaxAffectedRows,
        RateLimit = overriding.RateLimit ?? inherited.RateLimit,
        ExposeInOpenApi = overriding.ExposeInOpenApi ?? inherited.ExposeInOpenApi,
    };

    /// <summary>Checks a merged policy; <paramref name="path"/> is <c>defaults</c> or <c>&lt;cap&gt;.policy</c>.</summary>
    public static EffectivePolicy Check(RawPolicy policy, string path)
    {
        if (!DurationParser.TryParse(NonEmpty(policy.Timeout) ?? BuiltInTimeout, out var timeout))
        {
            throw new ConfigurationLintException($"{path}.timeout is invalid");
        }

        if (timeout <= 0)
        {
            throw new ConfigurationLintException($"{path}.timeout must be > 0");
        }

        var maxRows = policy.MaxRows ?? BuiltInMaxRows;
        if (maxRows <= 0)
        {
            throw new ConfigurationLintException($"{path}.max_rows must be > 0");
        }

        if (!SizeParser.TryParse(NonEmpty(policy.MaxBytes) ?? BuiltInMaxBytes, out var maxBytes))
        {
            throw new ConfigurationLintException($"{path}.max_bytes is invalid");
        }

        if (policy.MaxAffectedRows <= 0)
        {
            throw new ConfigurationLintException($"{path}.max_affected_rows must be > 0");
        }

        return new EffectivePolicy
        {
            Readonly = policy.Readonly ?? true,
            // Rounded up to whole ticks so a positive nanosecond timeout never becomes zero.
            Timeout = TimeSpan.FromTicks((timeout / 100) + (timeout % 100 == 0 ? 0 : 1)),
            MaxRows = maxRows,
            MaxBytes = maxBytes,
            MaxAffectedRows = policy.MaxAffectedRows,
            RateLimit = policy.RateLimit is null ? null : RateLimitLint.Check(policy.RateLimit, $"{path}.rate_limit"),
            ExposeInOpenApi = policy.ExposeInOpenApi ?? true,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
