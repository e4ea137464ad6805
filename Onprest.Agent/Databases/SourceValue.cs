namespace Onprest.Agent.Databases;

/// <summary>
/// One database value classified by source category (docs/agent-params.md), before coercion.
/// <see cref="Text"/> holds: the exact decimal text (<see cref="SourceCategory.ExactDecimal"/>), the text value, the
/// already formatted date/time text of the handbook (<see cref="SourceCategory.DateTime"/>), the UUID, or the engine's own
/// text form (<see cref="SourceCategory.Other"/>).
/// </summary>
public readonly record struct SourceValue(SourceCategory Category, long Signed = 0, ulong Unsigned = 0, double Float = 0, bool Boolean = false, string? Text = null, byte[]? Bytes = null)
{
    public static readonly SourceValue Null = new(SourceCategory.Null);

    public static SourceValue FromSigned(long value) => new(SourceCategory.SignedInteger, Signed: value);

    public static SourceValue FromUnsigned(ulong value) => new(SourceCategory.UnsignedInteger, Unsigned: value);

    public static SourceValue FromFloat(double value) => new(SourceCategory.FloatingPoint, Float: value);

    public static SourceValue FromDecimalText(string text) => new(SourceCategory.ExactDecimal, Text: text);

    public static SourceValue FromBoolean(bool value) => new(SourceCategory.Boolean, Boolean: value);

    public static SourceValue FromText(string text) => new(SourceCategory.Text, Text: text);

    public static SourceValue FromBinary(byte[] bytes) => new(SourceCategory.Binary, Bytes: bytes);

    public static SourceValue FromDateTimeText(string text) => new(SourceCategory.DateTime, Text: text);

    public static SourceValue FromUuid(Guid value) => new(SourceCategory.Uuid, Text: value.ToString("D"));

    public static SourceValue FromOther(string text) => new(SourceCategory.Other, Text: text);
}
