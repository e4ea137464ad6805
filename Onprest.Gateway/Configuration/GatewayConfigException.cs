namespace Onprest.Gateway.Configuration;

/// <summary>
/// Invalid configuration. <see cref="Problems"/> holds one exact message per invalid or missing variable, in
/// validation order, each printed as <c>gateway config: &lt;message&gt;</c>; <see cref="Exception.Message"/> is
/// them joined by line feeds. Never carries a configured secret.
/// </summary>
public sealed class GatewayConfigException : Exception
{
    public GatewayConfigException(string message)
        : this([message])
    {
    }

    public GatewayConfigException(IReadOnlyList<string> problems)
        : base(string.Join('\n', problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
