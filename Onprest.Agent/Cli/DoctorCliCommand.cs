using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Cli;

/// <summary>
/// <c>onprest-agent doctor</c> as a dispatcher entry (docs/cli.md): the arguments of <c>validate</c>; errors →
/// <c>doctor: invalid arguments</c> plus usage, exit 2. Register with <c>["doctor"] = new DoctorCliCommand()</c>.
/// </summary>
internal sealed class DoctorCliCommand : IAgentCommand
{
    public Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context)
    {
        if (!CliFlags.TryParse(args, ["config", "capability-file", "format"], out var flags)
            || flags.Positional.Count > 0
            || flags["format"] is not (null or "text" or "json"))
        {
            context.Error.Write("doctor: invalid arguments\n");
            Usage.Write(context.Error);
            return Task.FromResult(2);
        }

        if (flags.Help)
        {
            Usage.Write(context.Out);
            return Task.FromResult(0);
        }

        var path = CapabilityFileLocator.Resolve(flags["config"], flags["capability-file"]);
        return DoctorCommand.RunLoadingAsync(
            () =>
            {
                var loaded = CapabilityFileLoader.Load(path);
                if (loaded.IsValid && CapabilityFilePermissions.Warning(path) is { } warning)
                {
                    context.Error.Write("doctor: " + warning + "\n");
                }

                return loaded;
            },
            flags["format"] == "json",
            context.Out,
            context.Error,
            cancellationToken: context.Cancellation);
    }
}
