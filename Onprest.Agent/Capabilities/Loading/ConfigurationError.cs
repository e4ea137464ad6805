namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Why capability.yaml was refused. <see cref="PublicMessage"/> may be printed (validate, start-up, doctor);
/// <see cref="Detail"/> is private: for decode-time errors it is <c>parse capability.yaml: &lt;detail&gt;</c>, which is
/// never printed nor written to a diagnostic log (§3).
/// </summary>
public sealed record ConfigurationError(ConfigurationErrorClass Class, string PublicMessage, string Detail)
{
    /// <summary>The only public text of every decode-time error (§3).</summary>
    public const string InvalidConfigurationMessage = "capability configuration is invalid";

    internal static ConfigurationError Decode(string detail) =>
        new(ConfigurationErrorClass.Decode, InvalidConfigurationMessage, "parse capability.yaml: " + detail);

    internal static ConfigurationError Lint(string message) => new(ConfigurationErrorClass.Lint, message, message);
}
