using System.Text;

namespace Onprest.Fuzz.Frames;

/// <summary>
/// Hostile gateway frames: mostly frame-shaped JSON whose members hold the wrong JSON types, escaped lone
/// surrogates, huge numbers, deep nesting, odd ids and repeated names; some of it then cut, or bytes changed
/// into invalid UTF-8.
/// </summary>
public static class FrameGenerator
{
    private static readonly string[] Capabilities = ["get_customer", "list_orders", "update_customer_email", "meta", "missing", ""];

    private static readonly string[] Strings =
    [
        "\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"", "\"\"", "\"x\"", "\"ü😀\"",
        "\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"", "\"\\\\\"", "\"\\\"\"",
    ];

    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "1.5", "1e400", "-1e400", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "1E-400", "0.1e1", "{}", "[]",
    ];

    public static byte[] Frame(Random random)
    {
        var json = FrameText(random);
        var bytes = Encoding.UTF8.GetBytes(json);
        return random.Next(10) switch
        {
            0 when bytes.Length > 1 => bytes[..random.Next(bytes.Length)],
            1 when bytes.Length > 0 => Corrupt(random, bytes),
            _ => bytes,
        };
    }

    public static string FrameText(Random random)
    {
        var members = new List<string>();
        if (random.Next(8) != 0)
        {
            members.Add("\"id\":" + Id(random));
        }

        if (random.Next(6) == 0)
        {
            members.Add("\"type\":" + random.Next(5) switch
            {
                0 => "\"cancel\"",
                1 => "\"ping\"",
                2 => Strings[random.Next(Strings.Length)],
                _ => Scalars[random.Next(Scalars.Length)],
            });
        }

        if (random.Next(8) != 0)
        {
            members.Add("\"capability\":" + (random.Next(4) == 0 ? Value(random, 0) : "\"" + Capabilities[random.Next(Capabilities.Length)] + "\""));
        }

        if (random.Next(8) != 0)
        {
            members.Add("\"params\":" + (random.Next(5) == 0 ? Value(random, 0) : Params(random)));
        }

        foreach (var name in new[] { "traceparent", "tracestate" })
        {
            if (random.Next(4) == 0)
            {
                members.Add($"\"{name}\":" + (random.Next(2) == 0 ? Strings[random.Next(Strings.Length)] : Value(random, 0)));
            }
        }

        if (random.Next(10) == 0 && members.Count > 0)
        {
            members.Add(members[random.Next(members.Count)]);
        }

        if (random.Next(10) == 0)
        {
            members.Add(Name(random) + ":" + Value(random, 0));
        }

        Shuffle(random, members);
        return "{" + string.Join(",", members) + "}";
    }

    private static string Id(Random random) => random.Next(10) switch
    {
        0 => "\"\"",
        1 => "\"" + new string('i', 129) + "\"",
        2 => "\"\\ud800\"",
        3 => Scalars[random.Next(Scalars.Length)],
        4 => "\"é😀\\n\"",
        _ => "\"r" + random.Next(1_000_000) + "\"",
    };

    private static string Params(Random random)
    {
        var count = random.Next(0, 5);
        var members = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = random.Next(3) == 0 ? Name(random) : "\"" + (random.Next(3) switch { 0 => "customer_id", 1 => "email", _ => "x" }) + "\"";
            members.Add(name + ":" + Value(random, 0));
        }

        return "{" + string.Join(",", members) + "}";
    }

    private static string Name(Random random) => random.Next(6) switch
    {
        0 => "\"\\ud800\"",
        1 => "\"a\\udc00\"",
        2 => "\"\\u0000\"",
        3 => "\"" + new string('n', random.Next(60, 300)) + "\"",
        4 => "\"\\\"\"",
        _ => "\"p" + random.Next(5) + "\"",
    };

    private static string Value(Random random, int depth)
    {
        var roll = random.Next(depth > 3 ? 6 : 10);
        return roll switch
        {
            < 3 => Scalars[random.Next(Scalars.Length)],
            < 6 => Strings[random.Next(Strings.Length)],
            6 => Nest(random.Next(1, 300)),
            7 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth + 1))) + "]",
            8 => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Name(random) + ":" + Value(random, depth + 1))) + "}",
            _ => "\"" + new string('v', random.Next(0, 5000)) + "\"",
        };
    }

    private static string Nest(int depth) =>
        depth % 2 == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static byte[] Corrupt(Random random, byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var changes = random.Next(1, 4);
        for (var i = 0; i < changes; i++)
        {
            copy[random.Next(copy.Length)] = random.Next(4) switch
            {
                0 => 0xFF,
                1 => 0xC0,
                2 => 0xED,
                _ => (byte)random.Next(256),
            };
        }

        return copy;
    }

    private static void Shuffle(Random random, List<string> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
