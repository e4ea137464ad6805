namespace Onprest.Agent.Service;

/// <summary>How the agent is registered with every service manager (docs/cli.md).</summary>
internal static class ServiceIdentity
{
    public const string Name = "onprest-agent";

    public const string DisplayName = "Onprest Agent";

    public const string Description = "Onprest on-prem capability agent";

    /// <summary>The unprivileged account a Linux service runs as unless <c>--user</c> names another.</summary>
    public const string DefaultUser = "onprest-agent";

    /// <summary>A portable account name (what useradd accepts everywhere): lower-case letter or _, then letters, digits, _ or -.</summary>
    public static bool IsValidUserName(string name) =>
        name.Length is > 0 and <= 32
        && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
