using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Tests.Capabilities.Loading;

/// <summary>The bounded node tree (docs/capability-yaml.md): sizes, heights, aliases as references, cycles.</summary>
public sealed class YamlTreeReaderTests
{
    [Fact]
    public void Empty_stream_and_empty_document_have_no_root_or_a_null_root()
    {
        Assert.Null(YamlTreeReader.Read(""));
        Assert.Null(YamlTreeReader.Read("# comment only\n"));
        var empty = Assert.IsType<YamlScalarNode>(YamlTreeReader.Read("---\n"));
        Assert.True(YamlScalars.IsNull(empty));
    }

    [Fact]
    public void Sizes_count_keys_values_and_collections()
    {
        var root = YamlTreeReader.Read("a: [1, 2]\nb: {c: 3}\n")!;
        // root + a + [ + 1 + 2 + b + { + c + 3
        Assert.Equal(9, root.ExpandedSize);
        Assert.Equal(2, root.Height);
    }

    [Fact]
    public void Aliases_are_references_counted_by_their_target_size()
    {
        var root = Assert.IsType<YamlMappingNode>(YamlTreeReader.Read("a: &x [1, 2, 3]\nb: *x\nc: *x\n"));
        var anchored = root.Entries[0].Value;
        var alias = Assert.IsType<YamlAliasNode>(root.Entries[1].Value);
        Assert.Same(anchored, alias.Target);
        Assert.False(alias.IsCyclic);
        Assert.Equal(4, alias.ExpandedSize);
        // root + 3 keys + 3 × 4
        Assert.Equal(1 + 3 + 12, root.ExpandedSize);
    }

    [Fact]
    public void Alias_inside_its_own_anchor_is_cyclic_and_not_expanded()
    {
        var root = Assert.IsType<YamlMappingNode>(YamlTreeReader.Read("a: &x [1, *x]\n"));
        var sequence = Assert.IsType<YamlSequenceNode>(root.Entries[0].Value);
        var alias = Assert.IsType<YamlAliasNode>(sequence.Items[1]);
        Assert.True(alias.IsCyclic);
        Assert.Equal(1, alias.ExpandedSize);
    }

    [Fact]
    public void Tags_are_resolved_to_full_names()
    {
        var root = Assert.IsType<YamlMappingNode>(YamlTreeReader.Read("a: !!int 1\nb: !!null []\nc: !custom x\nd: ! 5\n"));
        Assert.Equal(YamlTags.Int, root.Entries[0].Value.Tag);
        Assert.Equal(YamlTags.Null, root.Entries[1].Value.Tag);
        Assert.Equal("!custom", root.Entries[2].Value.Tag);
        Assert.Equal(YamlTags.NonSpecific, root.Entries[3].Value.Tag);
    }

    [Fact]
    public void Plainness_is_recorded()
    {
        var root = Assert.IsType<YamlMappingNode>(YamlTreeReader.Read("a: x\nb: 'x'\nc: \"x\"\nd: |\n  x\n"));
        Assert.Equal([true, false, false, false], root.Entries.Select(e => ((YamlScalarNode)e.Value).IsPlain));
    }

    [Fact]
    public void Limits_are_checked_during_reading_not_after()
    {
        // The second document is never parsed: its syntax error is not reported, the document count is.
        var failure = Assert.Throws<CapabilityDecodeException>(() => YamlTreeReader.Read("a: 1\n---\n[unclosed\n"));
        Assert.Equal("multiple YAML documents are not allowed", failure.Message);
    }

    [Fact]
    public void Syntax_error_detail_names_only_the_line()
    {
        var failure = Assert.Throws<CapabilityDecodeException>(() => YamlTreeReader.Read("ok: 1\nsecret: [value-that-must-not-leak\n"));
        Assert.StartsWith("yaml: syntax error at line ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("value-that-must-not-leak", failure.Message, StringComparison.Ordinal);
    }
}
