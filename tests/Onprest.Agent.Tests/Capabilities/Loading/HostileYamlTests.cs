using System.Text;
using Onprest.Agent.Capabilities.Loading;
using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>Hostile input (docs/capability-yaml.md): each refused as decode-time, in bounded memory.</summary>
public sealed class HostileYamlTests
{
    [Fact]
    public void Billion_laughs_alias_bomb_is_refused_without_expansion()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            var prev = "*a" + (i - 1);
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat(prev, 9))}]\n");
        }

        Assert.Contains("exceeds 100000 nodes", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_key_bomb_is_refused()
    {
        var yaml = new StringBuilder("m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
        for (var i = 1; i <= 8; i++)
        {
            yaml.Append($"m{i}: &m{i} {{<<: [{string.Join(", ", Enumerable.Repeat("*m" + (i - 1), 8))}], k: [{string.Join(", ", Enumerable.Repeat("*m" + (i - 1), 8))}]}}\n");
        }

        Assert.Contains("exceeds 100000 nodes", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_count_just_under_the_limit_is_read_and_one_over_is_refused()
    {
        // A top-level sequence of n scalars is n + 1 nodes.
        Assert.Equal("configuration must be a mapping", DecodeDetail("[" + string.Join(",", Enumerable.Repeat("1", 99_999)) + "]"));
        Assert.Contains("exceeds 100000 nodes", DecodeDetail("[" + string.Join(",", Enumerable.Repeat("1", 100_000)) + "]"), StringComparison.Ordinal);
    }

    [Fact]
    public void Hundred_thousand_keys_are_refused()
    {
        // A flow mapping of 100,000 keys without values (~600 KB): 200,001 nodes, refused while reading.
        var yaml = new StringBuilder("{");
        for (var i = 0; i < 100_000; i++)
        {
            yaml.Append('k').Append(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
        }

        yaml.Append('}');
        Assert.True(Encoding.UTF8.GetByteCount(yaml.ToString()) < 1024 * 1024);
        Assert.Contains("exceeds 100000 nodes", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_over_one_mebibyte_is_refused_before_parsing()
    {
        Assert.Equal("file exceeds 1048576 bytes", DecodeDetail("a: '" + new string('x', 1024 * 1024) + "'\n"));
        Assert.Equal("file exceeds 1048576 bytes", DecodeDetail("a: '" + new string('é', 600_000) + "'\n"));
    }

    [Fact]
    public void Fifty_thousand_and_one_keys_exceed_the_node_limit_inside_one_mebibyte()
    {
        // 50,001 key/value pairs are 100,003 nodes in a ~600 KB text: the node limit, not the size limit, refuses it.
        var yaml = new StringBuilder("x:\n");
        for (var i = 0; i < 50_001; i++)
        {
            yaml.Append('k').Append(i).Append(": 1\n");
        }

        Assert.True(yaml.Length < 1024 * 1024);
        Assert.Contains("exceeds 100000 nodes", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65, true)]
    [InlineData(64, false)]
    [InlineData(10_000, true)]
    public void Nesting_depth_is_limited_to_64(int depth, bool refused)
    {
        var yaml = new string('[', depth) + new string(']', depth);
        var detail = DecodeDetail(yaml);
        Assert.Equal(refused, detail.Contains("nesting depth exceeds 64", StringComparison.Ordinal));
    }

    [Fact]
    public void Flow_mapping_depth_10000_is_refused()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
        {
            yaml.Append("{k: ");
        }

        yaml.Append('1').Append(new string('}', 10_000));
        Assert.Contains("nesting depth exceeds 64", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Block_mapping_depth_100_is_refused()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            yaml.Append(new string(' ', i)).Append("k:\n");
        }

        Assert.Contains("nesting depth exceeds 64", DecodeDetail(yaml.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_expanding_beyond_the_depth_limit_is_refused()
    {
        // 40 levels behind an anchor, used at depth 30: 70 levels once decoded.
        var deep = new string('[', 40) + new string(']', 40);
        var yaml = "a: &deep " + deep + "\nb: " + new string('[', 29) + "*deep" + new string(']', 29) + "\n";
        Assert.Contains("nesting depth exceeds 64", DecodeDetail(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_megabyte_file_is_refused_before_parsing()
    {
        var path = Path.Combine(Path.GetTempPath(), "onprest-big-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            using (var stream = System.IO.File.Create(path))
            {
                var line = Encoding.ASCII.GetBytes("# padding padding padding padding padding padding padding padding\n");
                for (var written = 0L; written < 10L * 1024 * 1024; written += line.Length)
                {
                    stream.Write(line);
                }
            }

            var result = CapabilityFileLoader.Load(path);
            Assert.False(result.IsValid);
            Assert.Equal("capability configuration is invalid", result.Error.PublicMessage);
            Assert.Equal("parse capability.yaml: file exceeds 1048576 bytes", result.Error.Detail);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void File_of_exactly_one_mebibyte_is_read_and_one_byte_more_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "onprest-edge-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            var body = File();
            var padding = 1024 * 1024 - Encoding.UTF8.GetByteCount(body) - 2;
            System.IO.File.WriteAllText(path, body + "#" + new string('x', padding) + "\n");
            Assert.Equal(1024 * 1024, new FileInfo(path).Length);
            var ok = CapabilityFileLoader.Load(path);
            Assert.True(ok.IsValid, ok.Error?.Detail);

            System.IO.File.AppendAllText(path, " ");
            Assert.Equal("parse capability.yaml: file exceeds 1048576 bytes", CapabilityFileLoader.Load(path).Error!.Detail);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void Device_without_length_is_read_only_up_to_the_limit()
    {
        if (!System.IO.File.Exists("/dev/zero"))
        {
            Assert.Skip("/dev/zero is not available on this platform");
        }

        var result = CapabilityFileLoader.Load("/dev/zero");
        Assert.False(result.IsValid);
        Assert.Equal("capability configuration is invalid", result.Error.PublicMessage);
    }

    [Fact]
    public void Printable_garbage_is_refused()
    {
        var random = new Random(4321);
        const string alphabet = "abc:-[]{}&*!|>'\"%@`#,?~ \n\t0123456789";
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(1, 400)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var result = Load(new string(chars));
            Assert.False(result.IsValid);
            Assert.True(
                result.Error.PublicMessage is "capability configuration is invalid" or "gateway.url is required",
                result.Error.PublicMessage);
        }
    }

    [Fact]
    public void Binary_garbage_is_refused()
    {
        var random = new Random(1234);
        for (var round = 0; round < 20; round++)
        {
            var bytes = new byte[4096];
            random.NextBytes(bytes);
            var failure = Assert.Throws<CapabilityDecodeException>(() => Decode(bytes));
            Assert.False(string.IsNullOrEmpty(failure.Message));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0x00, 0x0A }, "non-printable character at line 1")]
    [InlineData(new byte[] { 0x61, 0x3A, 0x0A, 0x62, 0x1B, 0x0A }, "non-printable character at line 2")]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xC3, 0x28 }, "file is not valid UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "file is not valid UTF-8")]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80 }, "file is not valid UTF-8")]
    [InlineData(new byte[] { 0x61, 0x3A, 0x20, 0xC2, 0x9B }, "non-printable character at line 1")]
    public void Non_text_bytes_are_refused(byte[] bytes, string detail)
    {
        var failure = Assert.Throws<CapabilityDecodeException>(() => Decode(bytes));
        Assert.Contains(detail, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_accepted()
    {
        var text = CapabilityFileReader.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(File())]);
        Assert.True(Load(text).IsValid);
    }

    [Fact]
    public void Tab_indentation_is_a_syntax_error()
    {
        var yaml = File().Replace("  url:", "\turl:", StringComparison.Ordinal);
        Assert.Contains("syntax error", DecodeDetail(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Tabs_inside_values_are_text()
    {
        var result = Load(WithCapability("sql: \"select\\t1\"\ndescription: \"a\tb\""));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal("a\tb", result.Configuration.Capabilities[0].Description);
    }

    [Fact]
    public void Unicode_keys_values_and_long_lines_are_handled()
    {
        var result = Load(WithCapability("sql: select 1\ndescription: \"Kunde 😀 日本 — \\u00e9\"\n" + "params:\n  \"ключ\": {type: string}"));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal("Kunde 😀 日本 — é", result.Configuration.Capabilities[0].Description);
        Assert.Equal("ключ", result.Configuration.Capabilities[0].Parameters[0].Name);
        Assert.Equal("get_customer.params.<invalid-key>.type is invalid", LintMessage(WithCapability("sql: select 1\nparams:\n  \"ключ\": {}")));
    }

    [Fact]
    public void Huge_key_is_sanitized_in_the_detail()
    {
        var detail = DecodeDetail(File(extra: new string('k', 129) + ": 1"));
        Assert.Equal("field <invalid-key> not found in configuration", detail);
    }

    [Fact]
    public void Escapes_in_keys_never_reach_the_detail()
    {
        var detail = DecodeDetail(File(extra: "\"a\\u001b[31mred\\nline\": 1"));
        Assert.Equal("field <invalid-key> not found in configuration", detail);
    }

    private static string Decode(byte[] bytes)
    {
        var text = CapabilityFileReader.Decode(bytes);
        CapabilityYamlDecoder.Decode(YamlTreeReader.Read(text));
        return text;
    }
}
