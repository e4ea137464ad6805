using Onprest.Agent.Service;

namespace Onprest.Agent.Tests.Service;

/// <summary>Records tool invocations and answers them from a script keyed by the joined command line.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    private readonly Dictionary<string, Queue<ProcessResult>> _answers = new(StringComparer.Ordinal);

    public List<string> Commands { get; } = [];

    /// <summary>Tools that are "not installed": running them throws like the real runner.</summary>
    public HashSet<string> MissingTools { get; } = new(StringComparer.Ordinal);

    public ProcessResult DefaultAnswer { get; set; } = new(0, "", "");

    public FakeProcessRunner Answer(string commandLine, int exitCode, string stdout = "", string stderr = "")
    {
        if (!_answers.TryGetValue(commandLine, out var queue))
        {
            queue = new Queue<ProcessResult>();
            _answers[commandLine] = queue;
        }

        queue.Enqueue(new ProcessResult(exitCode, stdout, stderr));
        return this;
    }

    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var commandLine = string.Join(' ', arguments.Prepend(fileName));
        Commands.Add(commandLine);
        if (MissingTools.Contains(fileName))
        {
            throw new ServiceManagerException(ServiceFailure.Operational, $"{fileName} is not available");
        }

        // The last scripted answer for a command repeats.
        if (_answers.TryGetValue(commandLine, out var queue) && queue.Count > 0)
        {
            return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        }

        return Task.FromResult(DefaultAnswer);
    }
}
