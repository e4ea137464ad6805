using System.Diagnostics;
using System.Text;

namespace Onprest.Fuzz.Running;

/// <summary>One broken invariant: which target, what went wrong, and the input that shows it (escaped for a terminal).</summary>
public sealed record FuzzFinding(string Target, string Problem, string Input);

/// <summary>What one run did: how many inputs, how long, what it found, plus counters a target wants to show.</summary>
public sealed class FuzzReport(string target, int seed)
{
    private readonly List<FuzzFinding> _findings = [];
    private readonly List<string> _raw = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public string Target { get; } = target;

    public int Seed { get; } = seed;

    public long Inputs { get; private set; }

    public IReadOnlyList<FuzzFinding> Findings => _findings;

    public SortedDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The slowest input seen, after confirming it (see <see cref="FuzzLoop"/>).</summary>
    public TimeSpan Slowest { get; set; }

    public void CountInput() => Inputs++;

    public void Count(string counter, long by = 1) => Counters[counter] = Counters.GetValueOrDefault(counter) + by;

    /// <summary>
    /// Counts every finding; for each distinct problem keeps the shortest input that shows it (the easiest one to
    /// read and to turn into a test), up to 50 problems.
    /// </summary>
    public void Fail(string problem, string input)
    {
        Count("findings");
        var index = _findings.FindIndex(f => f.Problem == problem);
        if (index >= 0)
        {
            if (input.Length < _raw[index].Length)
            {
                _raw[index] = input;
                _findings[index] = _findings[index] with { Input = Escape(input) };
            }
        }
        else if (_findings.Count < 50)
        {
            _raw.Add(input);
            _findings.Add(new FuzzFinding(Target, problem, Escape(input)));
        }
    }

    public void Stop() => _clock.Stop();

    public string Summary()
    {
        var text = new StringBuilder();
        text.Append($"{Target}: {Inputs} inputs in {Elapsed.TotalSeconds:0.0} s (seed {Seed}), slowest input {Slowest.TotalMilliseconds:0.0} ms, {Counters.GetValueOrDefault("findings")} findings");
        foreach (var (name, value) in Counters)
        {
            if (name != "findings")
            {
                text.Append($"\n  {name}: {value}");
            }
        }

        foreach (var finding in _findings)
        {
            text.Append($"\n  FINDING {finding.Problem}\n    input: {finding.Input}");
        }

        return text.ToString();
    }

    /// <summary>Printable ASCII stays, everything else becomes a C# escape, so the input can be pasted into a test.</summary>
    public static string Escape(string input)
    {
        var text = new StringBuilder(input.Length + 2);
        text.Append('"');
        foreach (var c in input.Length > 400 ? input[..400] : input)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c is >= ' ' and <= '~' => c.ToString(),
                _ => $"\\u{(int)c:x4}",
            });
        }

        text.Append('"');
        if (input.Length > 400)
        {
            text.Append($" (first 400 of {input.Length} characters)");
        }

        return text.ToString();
    }
}
