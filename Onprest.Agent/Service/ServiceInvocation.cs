namespace Onprest.Agent.Service;

/// <summary>
/// A parsed <c>service</c> command line: the verb and, for <c>install</c>, the <c>--config</c> value as given
/// (null when omitted); or the argument error to print with exit code 2.
/// </summary>
internal sealed record ServiceInvocation(ServiceVerb Verb, string? Config, string? Error)
{
    /// <summary>The verb as messages name it (<c>remove</c> is reported as <c>uninstall</c>).</summary>
    public string CommandName => Verb.ToString().ToLowerInvariant();

    public static ServiceInvocation Failed(string error) => new(ServiceVerb.Help, null, error);

    /// <summary>For <c>install</c>: <c>--user</c> as given, null when omitted (the default account is used).</summary>
    public string? User { get; init; }
}
