using Onprest.Agent.Capabilities.Loading;
using Onprest.Agent.Configuration;

namespace Onprest.Agent.Cli;

/// <summary>
/// <c>onprest-agent validate</c> (docs/cli.md): the <c>config</c> stage here, the later stages through
/// <see cref="IValidationStages"/>. Exit 0 success, 1 validation or output failure, 2 usage error.
/// </summary>
internal sealed class ValidateCommand : IAgentCommand
{
    /// <summary>docs/cli.md stage <c>canceled</c>.</summary>
    public const string CanceledMessage = "validation canceled";

    /// <summary>docs/cli.md stage <c>internal</c>.</summary>
    public const string InternalMessage = "validation could not complete";

    private readonly IValidationStages? _stages;
    private readonly Func<string?, string?, string> _resolve;

    public ValidateCommand(IValidationStages? stages = null, Func<string?, string?, string>? resolve = null)
    {
        _stages = stages;
        _resolve = resolve ?? CapabilityFileLocator.Resolve;
    }

    public async Task<int> ExecuteAsync(IReadOnlyList<string> args, CliContext context)
    {
        if (!CliFlags.TryParse(args, ["config", "capability-file", "format"], out var flags)
            || flags.Positional.Count > 0
            || flags["format"] is not (null or "text" or "json"))
        {
            context.Error.Write("validate: invalid arguments\n");
            Usage.Write(context.Error);
            return 2;
        }

        if (flags.Help)
        {
            Usage.Write(context.Out);
            return 0;
        }

        var json = flags["format"] == "json";
        var path = _resolve(flags["config"], flags["capability-file"]);

        // Stage "config": the stable message plus where the problem is and how to fix it (never a value).
        var loaded = CapabilityFileLoader.Load(path);
        if (!loaded.IsValid)
        {
            return Report(context, json, new ValidationFailure(ValidationStages.Config, loaded.Error.PublicMessage) { Configuration = loaded.Error }, loaded);
        }

        if (CapabilityFilePermissions.Warning(path) is { } warning)
        {
            TryWrite(context.Error, "validate: " + warning + "\n");
        }

        if (_stages is null)
        {
            return Report(context, json, null, loaded);
        }

        ValidationRun run;
        try
        {
            run = await _stages.RunAsync(loaded.Configuration, context.Cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            return Report(context, json, new ValidationFailure(ValidationStages.Canceled, CanceledMessage), loaded);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The stages report their own failures; anything escaping them is the "internal" stage.
            return Report(context, json, new ValidationFailure(ValidationStages.Internal, InternalMessage), loaded);
        }

        await using (run.ConfigureAwait(false))
        {
            return Report(context, json, run.Failure, loaded);
        }
    }


    private static int Report(CliContext context, bool json, ValidationFailure? failure, ConfigurationResult loaded)
    {
        try
        {
            if (failure is null)
            {
                var configuration = loaded.Configuration!;
                context.Out.Write(json ? ValidationOutput.SuccessJson(configuration) : ValidationOutput.SuccessText(configuration));
                context.Out.Flush();
                return 0;
            }

            var writer = json ? context.Out : context.Error;
            writer.Write(json ? ValidationOutput.FailureJson(failure) : ValidationOutput.FailureText(failure));
            writer.Flush();
            return 1;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            TryWrite(context.Error, "validate: output failed\n");
            return 1;
        }
    }

    private static void TryWrite(TextWriter writer, string text)
    {
        try
        {
            writer.Write(text);
            writer.Flush();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Nothing else can be reported when stderr itself is gone; the exit code still says "failed".
            _ = ex;
        }
    }
}
