using Onprest.Agent.Capabilities;
using Onprest.Agent.Cli;
using Onprest.Agent.Logging;

namespace Onprest.Agent.Execution;

/// <summary>
/// The database layer behind <c>validate</c>'s <see cref="IValidationStages"/> seam: <see cref="ValidateDatabaseStages"/>
/// with the diagnostic log beside the executable (docs/configuration.md). The validate lock stays held by the returned run
/// until the CLI has written its output and disposes it.
/// </summary>
internal sealed class DatabaseValidationStages : IValidationStages
{
    private readonly string? _folder;
    private readonly string _baseName;
    private readonly TimeProvider _time;

    public DatabaseValidationStages(string? folder = null, string? baseName = null, TimeProvider? time = null)
    {
        _folder = folder;
        _baseName = baseName ?? LogPaths.BaseName();
        _time = time ?? TimeProvider.System;
    }

    public async Task<ValidationRun> RunAsync(AgentConfiguration configuration, CancellationToken cancellationToken)
    {
        // The data directory depends on the configuration (runtime.data_dir), so it is chosen per run.
        var result = await ValidateDatabaseStages.RunAsync(configuration, _folder ?? LogPaths.DataDirectory(configuration.DataDirectory), _baseName, _time, cancellationToken);
        if (result.Valid)
        {
            return new ValidationRun(null, result);
        }

        var failure = new ValidationFailure(result.Stage!, result.Message!, result.Capability, result.DetailLogPath, result.CleanupPath);
        return new ValidationRun(failure, result);
    }
}
