using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Logging;

/// <summary>
/// Redaction for start-up and diagnostic records (docs/configuration.md): every occurrence of the database password, the
/// agent private key and the connection string becomes <c>[REDACTED]</c>; every capability's SQL text becomes
/// <c>[SQL REDACTED]</c>. Longer secrets are replaced first so a secret containing another is removed whole.
/// </summary>
public sealed class Redactor
{
    public const string Secret = "[REDACTED]";
    public const string Sql = "[SQL REDACTED]";

    private readonly (string Text, string Replacement)[] _rules;

    public Redactor(IEnumerable<string> secrets, IEnumerable<string> sqlTexts)
    {
        var rules = new List<(string, string)>();
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                rules.Add((secret, Secret));
            }
        }

        foreach (var sql in sqlTexts)
        {
            if (!string.IsNullOrWhiteSpace(sql))
            {
                rules.Add((sql, Sql));
                var trimmed = sql.Trim();
                if (trimmed.Length != sql.Length)
                {
                    rules.Add((trimmed, Sql));
                }
            }
        }

        _rules = [.. rules.DistinctBy(r => r.Item1).OrderByDescending(r => r.Item1.Length)];
    }

    /// <summary>A redactor for everything <paramref name="configuration"/> holds; <paramref name="connectionStrings"/> are the engine's built settings.</summary>
    public static Redactor For(AgentConfiguration configuration, IEnumerable<string>? connectionStrings = null)
    {
        var secrets = new List<string> { configuration.Database.Password };
        var seed = configuration.AgentPrivateKeySeed;
        if (seed.Length > 0)
        {
            var base64 = Convert.ToBase64String(seed);
            secrets.Add(base64);
            secrets.Add(base64.TrimEnd('='));
            secrets.Add(base64.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            secrets.Add(Convert.ToHexStringLower(seed));
            secrets.Add(Convert.ToHexString(seed));
        }

        if (connectionStrings is not null)
        {
            secrets.AddRange(connectionStrings);
        }

        var sql = new List<string>();
        foreach (var capability in configuration.Capabilities)
        {
            sql.Add(capability.Sql);
            sql.Add(capability.Prepared.Text);
        }

        return new Redactor(secrets, sql);
    }

    public string Apply(string text)
    {
        foreach (var (secret, replacement) in _rules)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, replacement, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
