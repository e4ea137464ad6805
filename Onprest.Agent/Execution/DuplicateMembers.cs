using System.Text.Json;

namespace Onprest.Agent.Execution;

/// <summary>Finds a repeated member name at any depth (D27: duplicate params names are an invalid gateway request).</summary>
internal static class DuplicateMembers
{
    public static bool Exist(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
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
}
