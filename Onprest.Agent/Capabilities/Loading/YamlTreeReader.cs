using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Onprest.Agent.Capabilities.Loading;

/// <summary>
/// Builds the bounded node tree from YamlDotNet's event parser, enforcing the limits of the handbook while reading:
/// one document, nesting depth, and the node count with aliases counted by the size of what they name.
/// Sizes are computed once per node when it completes, so an alias bomb is refused after reading only
/// its (small) text, without ever being expanded.
/// </summary>
internal sealed class YamlTreeReader
{
    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, YamlNode> _anchors = new(StringComparer.Ordinal);
    private long _nodesRead;
    private YamlNode? _root;

    private YamlTreeReader()
    {
    }

    /// <summary>Reads the single document of <paramref name="text"/>; null for an empty stream or an empty document.</summary>
    /// <exception cref="CapabilityDecodeException">Syntax errors and limit violations.</exception>
    public static YamlNode? Read(string text)
    {
        var reader = new YamlTreeReader();
        try
        {
            reader.ReadAll(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            // The parser's own message may quote file content; the detail names only the position.
            throw new CapabilityDecodeException($"yaml: syntax error at line {ex.Start.Line}", ex)
            {
                Line = (int)Math.Min(ex.Start.Line, int.MaxValue),
                Column = (int)Math.Min(ex.Start.Column, int.MaxValue),
                Fix = "check the indentation and quoting on that line or the one before it",
            };
        }
        catch (Exception ex) when (ex is not (CapabilityDecodeException or OutOfMemoryException or StackOverflowException))
        {
            // YamlDotNet's scanner can fail on some malformed input with a non-YAML exception (an
            // InvalidOperationException was found by fuzzing); whatever the parser throws, the file is unreadable YAML.
            throw new CapabilityDecodeException("yaml: syntax error", ex);
        }

        return reader._root;
    }

    private void ReadAll(Parser parser)
    {
        var documents = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart documentStart:
                    if (++documents > 1)
                    {
                        throw new CapabilityDecodeException("multiple YAML documents are not allowed")
                        {
                            Line = Line(documentStart),
                            Column = Column(documentStart),
                            Fix = "remove the second --- line and what follows it, or merge the two documents",
                        };
                    }

                    break;
                case Scalar scalar:
                    Count();
                    var node = new YamlScalarNode(scalar.Value, scalar.Style, TagOf(scalar), Line(scalar)) { Column = Column(scalar) };
                    Anchor(scalar, node);
                    Attach(node);
                    break;
                case AnchorAlias alias:
                    Count();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new CapabilityDecodeException($"yaml: unknown anchor referenced at line {Line(alias)}") { Line = Line(alias), Column = Column(alias) };
                    }

                    Attach(new YamlAliasNode(target, Line(alias)) { Column = Column(alias) });
                    break;
                case MappingStart mapping:
                    Open(new YamlMappingNode(TagOf(mapping), Line(mapping)) { Column = Column(mapping) }, mapping);
                    break;
                case SequenceStart sequence:
                    Open(new YamlSequenceNode(TagOf(sequence), Line(sequence)) { Column = Column(sequence) }, sequence);
                    break;
                case MappingEnd or SequenceEnd:
                    Close();
                    break;
            }
        }
    }

    private void Open(YamlNode node, NodeEvent start)
    {
        Count();
        if (_open.Count + 1 > YamlLimits.MaxDepth)
        {
            throw new CapabilityDecodeException($"yaml: nesting depth exceeds {YamlLimits.MaxDepth} at line {node.Line}") { Line = node.Line, Column = node.Column };
        }

        // Registered before the content is read, so an alias inside the node to its own anchor is seen as
        // cyclic instead of silently naming an older anchor of the same name.
        Anchor(start, node);
        _open.Push(new Frame(node));
    }

    private void Close()
    {
        var frame = _open.Pop();
        var node = frame.Node;
        if (frame.PendingKey is not null)
        {
            throw new CapabilityDecodeException($"yaml: mapping key without value at line {node.Line}") { Line = node.Line, Column = node.Column };
        }

        node.ExpandedSize = frame.Size;
        node.Height = frame.Height + 1;
        node.IsComplete = true;
        Attach(node);
    }

    private void Attach(YamlNode node)
    {
        if (node.ExpandedSize > YamlLimits.MaxNodes)
        {
            throw TooManyNodes();
        }

        if (_open.Count == 0)
        {
            _root = node;
            return;
        }

        var frame = _open.Peek();

        // An alias expands to its target's nesting at this position ( counts the decoded structure).
        if (_open.Count + node.Height > YamlLimits.MaxDepth)
        {
            throw new CapabilityDecodeException($"yaml: nesting depth exceeds {YamlLimits.MaxDepth} at line {node.Line}") { Line = node.Line, Column = node.Column };
        }

        frame.Size = Math.Min(frame.Size + node.ExpandedSize, YamlLimits.MaxNodes + 1);
        frame.Height = Math.Max(frame.Height, node.Height);
        if (frame.Size > YamlLimits.MaxNodes)
        {
            throw TooManyNodes();
        }

        switch (frame.Node)
        {
            case YamlMappingNode mapping when frame.PendingKey is null:
                frame.PendingKey = node;
                break;
            case YamlMappingNode mapping:
                mapping.Entries.Add(new KeyValuePair<YamlNode, YamlNode>(frame.PendingKey, node));
                frame.PendingKey = null;
                break;
            case YamlSequenceNode sequence:
                sequence.Items.Add(node);
                break;
        }
    }

    private void Count()
    {
        if (++_nodesRead > YamlLimits.MaxNodes)
        {
            throw TooManyNodes();
        }
    }

    private void Anchor(NodeEvent nodeEvent, YamlNode node)
    {
        if (!nodeEvent.Anchor.IsEmpty)
        {
            _anchors[nodeEvent.Anchor.Value] = node;
        }
    }

    private static CapabilityDecodeException TooManyNodes() =>
        new($"yaml: document exceeds {YamlLimits.MaxNodes} nodes (aliases counted each time they are used)");

    private static string? TagOf(NodeEvent nodeEvent) => nodeEvent.Tag.IsEmpty ? null : nodeEvent.Tag.Value;

    private static int Line(ParsingEvent parsingEvent) => (int)Math.Min(parsingEvent.Start.Line, int.MaxValue);

    private static int Column(ParsingEvent parsingEvent) => (int)Math.Min(parsingEvent.Start.Column, int.MaxValue);

    private sealed class Frame(YamlNode node)
    {
        public YamlNode Node { get; } = node;

        public YamlNode? PendingKey { get; set; }

        public long Size { get; set; } = 1;

        public int Height { get; set; }
    }
}
