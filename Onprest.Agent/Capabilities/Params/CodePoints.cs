namespace Onprest.Agent.Capabilities.Params;

/// <summary>String length in Unicode code points: a surrogate pair counts once.</summary>
internal static class CodePoints
{
    public static int Count(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
