using System.Text;
using System.Text.Json;

namespace Onprest.Agent.Tests.Tunnel;

/// <summary>A thread-safe stdout stand-in whose lines tests read as JSON events.</summary>
internal sealed class CapturedLines : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

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

    public List<JsonElement> Events() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    public List<string> Names() => Events().Select(e => e.GetProperty("event").GetString()!).ToList();

    public async Task<JsonElement> WaitForAsync(string name, int count = 1)
    {
        for (var i = 0; i < 1500; i++)
        {
            var found = Events().Where(e => e.GetProperty("event").GetString() == name).ToList();
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"event {name} #{count} was not written; got: {Text}");
    }
}
