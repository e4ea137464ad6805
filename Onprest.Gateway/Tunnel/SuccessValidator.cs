using System.Buffers.Text;
using System.Text.Json;
using Onprest.Contracts.Errors;

namespace Onprest.Gateway.Tunnel;

/// <summary>Success validation of docs/tunnel-protocol.md: <c>result</c> must be an object whose <c>count</c> is an integer literal in [0, 2^63−1].</summary>
internal static class SuccessValidator
{
    /// <summary>Reads the count; false when the result does not satisfy.</summary>
    public static bool TryReadCount(ReadOnlySpan<byte> result, out long count)
    {
        count = 0;
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(result, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isCount = reader.ValueTextEquals("count"u8);
                reader.Read();
                if (!isCount)
                {
                    reader.Skip();
                    continue;
                }

                // A repeated count is ambiguous: the gateway cannot know which one the agent meant.
                if (found || reader.TokenType != JsonTokenType.Number || !TryParseCount(reader.ValueSpan, out count))
                {
                    return false;
                }

                found = true;
            }

            return found;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The failure for an invalid success, by the capability's response kind (null = unknown).</summary>
    public static PublicError FailureFor(string? responseKind) =>
        responseKind == "select" ? PublicErrors.AgentInternal : PublicErrors.TransactionOutcomeUnknown;

    private static bool TryParseCount(ReadOnlySpan<byte> literal, out long count)
    {
        count = 0;
        if (literal.IndexOfAny(".eE"u8) >= 0)
        {
            return false;
        }

        return Utf8Parser.TryParse(literal, out count, out var consumed) && consumed == literal.Length && count >= 0;
    }
}
