namespace Onprest.Agent.Cli;

/// <summary>
/// The outcome of the stages after <c>config</c>. Disposing it releases what must outlive the output, such as
/// the validate lock, which is held until the output is completely written (docs/configuration.md).
/// </summary>
internal sealed class ValidationRun : IAsyncDisposable
{
    private readonly IAsyncDisposable? _held;

    public ValidationRun(ValidationFailure? failure, IAsyncDisposable? held = null)
    {
        Failure = failure;
        _held = held;
    }

    /// <summary>Null when every stage passed.</summary>
    public ValidationFailure? Failure { get; }

    public ValueTask DisposeAsync() => _held?.DisposeAsync() ?? ValueTask.CompletedTask;
}
