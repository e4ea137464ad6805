namespace Onprest.Agent.Capabilities.Loading;

/// <summary>Decodes <c>defaults</c> and <c>&lt;cap&gt;.policy</c> including <c>rate_limit</c>.</summary>
internal static class PolicyDecoder
{
    private const string Context = "policy definition";
    private const string RateLimitContext = "rate_limit definition";

    /// <summary>The policy as written; null for a YAML null.</summary>
    public static RawPolicy? Decode(YamlNode node)
    {
        var mapping = FieldReader.MappingOrNull(node, Context);
        if (mapping is null)
        {
            return null;
        }

        var policy = new RawPolicy();
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, Context))
        {
            policy = key switch
            {
                "readonly" => policy with { Readonly = FieldReader.Boolean(value, "policy.readonly") },
                "timeout" => policy with { Timeout = FieldReader.String(value, "policy.timeout") },
                "max_rows" => policy with { MaxRows = FieldReader.Int32(value, "policy.max_rows") },
                "max_bytes" => policy with { MaxBytes = FieldReader.String(value, "policy.max_bytes") },
                "max_affected_rows" => policy with { MaxAffectedRows = FieldReader.Int64(value, "max_affected_rows") },
                "rate_limit" => policy with { RateLimit = DecodeRateLimit(value) },
                "expose_in_openapi" => policy with { ExposeInOpenApi = FieldReader.Boolean(value, "policy.expose_in_openapi") },
                _ => throw FieldReader.Unknown(keyNode, key, Context),
            };
        }

        return policy;
    }

    // unlike other sections, a null rate_limit is an error, not "absent".
    private static RawRateLimit DecodeRateLimit(YamlNode node)
    {
        var resolved = YamlMappings.Resolve(node, RateLimitContext);
        if (resolved is not YamlMappingNode { Tag: null or YamlTags.Map } mapping || YamlScalars.IsNull(resolved))
        {
            throw new CapabilityDecodeException("rate_limit must be an object") { Node = node };
        }

        var rateLimit = new RawRateLimit();
        foreach (var (key, value, keyNode) in YamlMappings.Entries(mapping, RateLimitContext))
        {
            rateLimit = key switch
            {
                "requests" => rateLimit with { Requests = FieldReader.Int64(value, "rate_limit.requests") },
                "per" => rateLimit with { Per = FieldReader.String(value, "rate_limit.per") },
                "burst" => rateLimit with { Burst = FieldReader.Int64(value, "rate_limit.burst") },
                _ => throw FieldReader.Unknown(keyNode, key, RateLimitContext),
            };
        }

        return rateLimit;
    }
}
