using System.Text;
using System.Text.Json;

namespace Onprest.Gateway.Tests.Tunnel;

/// <summary>A thread-safe stdout stand-in whose lines tests inspect as JSON events.</summary>
internal sealed class CapturedOutput : TextWriter
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

    public IReadOnlyList<JsonElement> Events(string name) =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("event").GetString() == name)
            .ToList();

    public async Task<JsonElement> WaitForAsync(string name, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var found = Events(name);
            if (found.Count >= count)
            {
                return found[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"event {name} #{count} was not written");
    }
}
