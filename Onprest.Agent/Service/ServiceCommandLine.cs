namespace Onprest.Agent.Service;

/// <summary>
/// Parses the arguments after <c>service</c> (docs/cli.md) with the common flag syntax of cli.md: <c>--name value</c>,
/// <c>--name=value</c>, <c>-name value</c>, <c>-name=value</c>; flags before positional arguments; <c>--</c> ends flags.
/// </summary>
internal static class ServiceCommandLine
{
    /// <summary>The usage text; <see cref="ServiceInvocation.Error"/> is null for it, it is printed as is.</summary>
    public const string Usage =
        """
        usage:
          onprest-agent service install [--config PATH] [--user NAME]
                                                    register the agent with the service manager; on Linux
                                                    it runs as NAME (default onprest-agent), created when missing
          onprest-agent service start                       start the registered service
          onprest-agent service stop                        stop the registered service
          onprest-agent service status                      show the registration and its state
          onprest-agent service uninstall                   stop and remove the registration (alias: remove)

        """;

    public static ServiceInvocation Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return ServiceInvocation.Failed(Usage);
        }

        ServiceVerb? verb = args[0] switch
        {
            "install" => ServiceVerb.Install,
            "start" => ServiceVerb.Start,
            "stop" => ServiceVerb.Stop,
            "status" => ServiceVerb.Status,
            "uninstall" or "remove" => ServiceVerb.Uninstall,
            "help" or "--help" or "-h" => ServiceVerb.Help,
            _ => null,
        };
        if (verb is null)
        {
            return ServiceInvocation.Failed($"service: unknown command \"{args[0]}\"");
        }

        var rest = args.Skip(1).ToArray();
        if (verb != ServiceVerb.Install)
        {
            var name = verb.Value.ToString().ToLowerInvariant();
            return rest.Length == 0
                ? new ServiceInvocation(verb.Value, null, null)
                : ServiceInvocation.Failed($"service {name}: unexpected argument \"{rest[0]}\"");
        }

        return ParseInstall(rest);
    }

    private static ServiceInvocation ParseInstall(string[] args)
    {
        const string invalid = "service install: invalid arguments";
        string? config = null;
        string? user = null;
        var i = 0;
        while (i < args.Length)
        {
            var arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }

            // Unknown flag, flag without value, empty value, or a flag given twice.
            if (string.IsNullOrEmpty(value) || (name == "config" ? config : name == "user" ? user : value) is not null)
            {
                return ServiceInvocation.Failed(invalid);
            }

            if (name == "user" && !ServiceIdentity.IsValidUserName(value))
            {
                return ServiceInvocation.Failed("service install: --user must be a user name such as onprest-agent (letters, digits, _ and -)");
            }

            (config, user) = name == "config" ? (value, user) : (config, value);
            i++;
        }

        return i < args.Length
            ? ServiceInvocation.Failed($"service install: unexpected argument \"{args[i]}\"")
            : new ServiceInvocation(ServiceVerb.Install, config, null) { User = user };
    }
}
