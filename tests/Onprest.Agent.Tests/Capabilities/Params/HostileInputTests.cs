using System.Text.Json;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>
/// Seeded random inputs built from the characters each parser cares about: every check must answer (valid or a
/// fixed reason) and never throw, and the answer must not depend on anything but the input.
/// </summary>
public sealed class HostileInputTests
{
    private const string PatternAlphabet = @"()[]{}^$.*+?|\-:=!<>#,0123456789aZdwsDWSbBkpPcxu'""- " + "\n";
    private const string TextAlphabet = "@.<>\"\\()[]:;,%/?#-_+ aZ09\t\r\né😀\u0000\u007f\u212A";

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var length = random.Next(maxLength + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    [Fact]
    public void Random_patterns_never_throw()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 400; i++)
        {
            var pattern = RandomText(random, PatternAlphabet, 24);
            var compiled = PatternCompiler.TryCompile(pattern, out var regex);
            Assert.Equal(compiled, PatternCompiler.TryCompile(pattern, out _));
            if (compiled)
            {
                _ = regex!.IsMatch(RandomText(random, TextAlphabet, 32));
            }
        }
    }

    [Fact]
    public void Random_strings_get_a_fixed_format_answer()
    {
        var random = new Random(42);
        var allowed = new HashSet<string?>
        {
            null, "must be email", "must be uuid", "must be date", "must be date-time", "must be uri", "must include URI scheme",
        };
        var formats = new[] { StringFormat.Email, StringFormat.Uuid, StringFormat.Date, StringFormat.DateTime, StringFormat.Uri };
        for (var i = 0; i < 5000; i++)
        {
            var value = RandomText(random, TextAlphabet, 40);
            foreach (var format in formats)
            {
                var reason = ParamValues.CheckConstraints(Specs.String() with { Format = format }, value, checkEnum: true);
                Assert.Contains(reason, allowed);
                Assert.Equal(reason, ParamValues.CheckConstraints(Specs.String() with { Format = format }, value, checkEnum: true));
            }
        }
    }

    [Fact]
    public void Random_json_values_get_a_public_message_without_the_value()
    {
        var random = new Random(7);
        var specs = new[]
        {
            Specs.String("s") with { MaxLength = 5, Format = StringFormat.Email },
            Specs.Integer("i") with { Minimum = -3, Maximum = 3 },
            Specs.Number("n") with { Enum = [1.5] },
            Specs.Boolean("b"),
        };
        var samples = new[] { "null", "true", "false", "0", "-0", "1e400", "1.5", "9223372036854775808", "\"x\"", "[]", "{}", "\"a@b\"", "-3", "3", "4" };
        for (var i = 0; i < 2000; i++)
        {
            var members = specs.Where(_ => random.Next(2) == 0)
                .Select(spec => $"\"{spec.Name}\":{samples[random.Next(samples.Length)]}");
            using var document = JsonDocument.Parse("{" + string.Join(",", members) + "}");
            var result = ParamValidator.Validate(specs, document.RootElement);
            if (result.Error is { } error)
            {
                Assert.Matches(@"^(s|i|n|b): (must be (string|integer|number|boolean|email)|below minimum|above maximum|above maxLength|not in enum)$", error);
                Assert.Empty(result.Values);
            }
            else
            {
                Assert.All(result.Values, pair => Assert.Contains(specs, spec => spec.Name == pair.Key));
            }
        }
    }
}
