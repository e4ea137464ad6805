using System.Text;
using System.Text.Json;

namespace Onprest.Gateway.Tests.Testing;

/// <summary>What the gateway wrote to its stdout event log during a test.</summary>
public sealed class CapturedOutput : TextWriter
{
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

    /// <summary>Every event line parsed; fails the test if a line is not one JSON object.</summary>
    public IReadOnlyList<JsonElement> Events() =>
        Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>Every event except the one <c>gateway_start</c> written when the host starts.</summary>
    public IReadOnlyList<JsonElement> Logged() =>
        Events().Where(e => e.GetProperty("event").GetString() != "gateway_start").ToList();

    public IReadOnlyList<JsonElement> Events(string name) =>
        Events().Where(e => e.GetProperty("event").GetString() == name).ToList();
}
