namespace Onprest.Agent.Capabilities.Params;

/// <summary>
/// <c>format: uuid</c> (docs/agent-params.md): 8-4-4-4-12 hexadecimal digits, version 1–5, RFC 4122
/// variant (<c>8</c>, <c>9</c>, <c>a</c>, <c>b</c>).
/// </summary>
internal static class UuidFormat
{
    public static bool IsValid(string value)
    {
        if (value.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = i switch
            {
                8 or 13 or 18 or 23 => c == '-',
                14 => c is >= '1' and <= '5',
                19 => c is '8' or '9' or 'a' or 'b' or 'A' or 'B',
                _ => char.IsAsciiHexDigit(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
