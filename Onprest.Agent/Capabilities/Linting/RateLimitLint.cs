using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The <c>rate_limit</c> lint of docs/capability-yaml.md, messages prefixed with <c>&lt;path&gt;.rate_limit: </c>.</summary>
internal static class RateLimitLint
{
    public static RateLimitPolicy Check(RawRateLimit rateLimit, string path)
    {
        if (rateLimit.Requests is null or <= 0)
        {
            throw Fail(path, "requests must be > 0");
        }

        if (string.IsNullOrEmpty(rateLimit.Per))
        {
            throw Fail(path, "per is required");
        }

        if (!DurationParser.TryParse(rateLimit.Per, out var per))
        {
            throw Fail(path, "per is invalid");
        }

        if (per <= 0)
        {
            throw Fail(path, "per must be > 0");
        }

        if (rateLimit.Burst is null or <= 0)
        {
            throw Fail(path, "burst must be > 0");
        }

        if (rateLimit.Burst.Value > long.MaxValue / per)
        {
            throw Fail(path, "burst and per are too large");
        }

        return new RateLimitPolicy(rateLimit.Requests.Value, per, rateLimit.Burst.Value);
    }

    private static ConfigurationLintException Fail(string path, string suffix) => new($"{path}: {suffix}");
}
