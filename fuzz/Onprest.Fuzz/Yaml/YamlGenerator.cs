using System.Text;

namespace Onprest.Fuzz.Yaml;

/// <summary>
/// capability.yaml texts: an example file with a few mutations — YAML's special syntax (anchors, aliases, merge
/// keys, tags, flow collections, block scalars, documents), hostile scalars (huge numbers, long strings, odd
/// escapes), deep nesting, and plain line, character and byte edits.
/// </summary>
public static class YamlGenerator
{
    private static readonly string[] Insertions =
    [
        "&a ", "*a", "<<: *a\n", "<<: [*a, *b]\n", "!!str ", "!!int ", "!!float ", "!!binary ", "!!map ", "!!seq ", "!!null ", "!custom ", "!<tag:x> ",
        "{", "}", "[", "]", ", ", ": ", ":", "? ", "- ", "|\n  x\n", ">-\n  y\n", "|+9\n", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
        "\"\\ud800\"", "\"\\U0010FFFF\"", "\"\\x00\"", "'it''s'", "\t", "  ", "\n", "\r\n", "#", " # c\n", "~", "null", "true", "yes", "on", "0x7FFFFFFFFFFFFFFFF",
        "0o777", "0b101", "1_000", "1e999", "-.inf", ".nan", "99999999999999999999999999", "2026-12-04", "\u00a0", "\u2028", "\ufeff", "😀", "\u0085",
        "key: value\n", "params:\n  p: {type: string, pattern: '(a|aa){1,1000}b', maxLength: 10}\n", "sql: select 1; select 2\n",
    ];

    public static string Text(Random random, string[] seeds)
    {
        var text = new StringBuilder(seeds[random.Next(seeds.Length)]);
        var mutations = random.Next(1, 6);
        for (var i = 0; i < mutations; i++)
        {
            Mutate(random, text);
        }

        return text.ToString();
    }

    public static byte[] Bytes(Random random, string[] seeds)
    {
        var bytes = Encoding.UTF8.GetBytes(Text(random, seeds));
        var flips = random.Next(0, 4);
        for (var i = 0; i < flips && bytes.Length > 0; i++)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    private static void Mutate(Random random, StringBuilder text)
    {
        var at = text.Length == 0 ? 0 : random.Next(text.Length);
        switch (random.Next(8))
        {
            case 0:
            case 1:
            case 2:
                text.Insert(at, Insertions[random.Next(Insertions.Length)]);
                break;
            case 3:
                text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                break;
            case 4:
                // Duplicate a line: repeated keys, repeated capabilities.
                var lines = text.ToString().Split('\n');
                var line = lines[random.Next(lines.Length)];
                text.Insert(at, line + "\n");
                break;
            case 5:
                text.Insert(at, random.Next(2) == 0 ? new string('[', random.Next(1, 200)) : string.Concat(Enumerable.Repeat("a: ", random.Next(1, 100))));
                break;
            case 6:
                text.Insert(at, random.Next(2) == 0 ? new string('x', random.Next(1000, 100_000)) : "&x [*x, *x, *x, *x]\n");
                break;
            default:
                if (text.Length > 0)
                {
                    text[at] = (char)random.Next(0x09, 0x7f);
                }

                break;
        }
    }
}
