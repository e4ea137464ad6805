namespace Onprest.Gateway.Configuration;

/// <summary>An invalid configuration value; <see cref="Exception.Message"/> is the exact spec message
/// printed as <c>gateway config: &lt;message&gt;</c>. Never carries a configured secret.</summary>
public sealed class GatewayConfigException(string message) : Exception(message);
