using System.Runtime.InteropServices;
using System.Text.Json;

namespace Onprest.Agent.Dispatch;

/// <summary>Finds a repeated member name at any depth (duplicate params names are an invalid gateway request).</summary>
internal static class DuplicateMembers
{
    /// <summary>Objects up to this many members are checked pair by pair; beyond it a set is cheaper.</summary>
    internal const int PairwiseLimit = 16;

    public static bool Exist(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return CanComparePairwise(element) ? ExistPairwise(element) : ExistWithSet(element);
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Exist(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Every frame carries a few small objects, so the usual case compares names as the UTF-8 bytes they arrived as,
    /// with no string or set per object. That equals comparing the decoded names only when none is escaped (the
    /// document has already validated the UTF-8), so one escaped name sends the object to <see cref="ExistWithSet"/>.
    /// </summary>
    private static bool CanComparePairwise(JsonElement element)
    {
        if (element.GetPropertyCount() > PairwiseLimit)
        {
            return false;
        }

        foreach (var member in element.EnumerateObject())
        {
            if (JsonMarshal.GetRawUtf8PropertyName(member).Contains((byte)'\\'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ExistPairwise(JsonElement element)
    {
        var index = 0;
        foreach (var member in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(member);
            var earlierIndex = 0;
            foreach (var earlier in element.EnumerateObject())
            {
                if (earlierIndex++ == index)
                {
                    break;
                }

                if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(earlier)))
                {
                    return true;
                }
            }

            if (Exist(member.Value))
            {
                return true;
            }

            index++;
        }

        return false;
    }

    private static bool ExistWithSet(JsonElement element)
    {
        HashSet<string>? names = null;
        foreach (var member in element.EnumerateObject())
        {
            names ??= new HashSet<string>(StringComparer.Ordinal);
            if (!names.Add(member.Name) || Exist(member.Value))
            {
                return true;
            }
        }

        return false;
    }
}
