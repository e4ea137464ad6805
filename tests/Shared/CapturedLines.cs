using System.Text;
using System.Text.Json;

namespace Onprest.Tests.Shared;

/// <summary>
/// A thread-safe stdout stand-in for either program: what it wrote, read back as its JSON-lines events. Linked into
/// the gateway's and the agent's test projects (one copy, tests/Shared).
/// </summary>
public sealed class CapturedLines : TextWriter
{
    // Reached only when the event never comes; generous, because a loaded CI machine can be slow to write it.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
        }
    }

    /// <summary>Every line parsed; fails the test if a line is not one JSON value.</summary>
    public IReadOnlyList<JsonElement> Events() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    public IReadOnlyList<JsonElement> Events(string name) =>
        Events().Where(e => e.GetProperty("event").GetString() == name).ToList();

    /// <summary>The event names in the order written.</summary>
    public IReadOnlyList<string> Names() => Events().Select(e => e.GetProperty("event").GetString()!).ToList();

    /// <summary>The <paramref name="count"/>-th event called <paramref name="name"/>, once written (at most 60 s).</summary>
    public async Task<JsonElement> WaitForAsync(string name, int count = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var found = Events(name);
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"event {name} #{count} was not written; got: {Text}");
    }
}
