namespace Onprest.Agent.Databases;

/// <summary>The source categories of params-and-results.md §6.3/§6.4.</summary>
public enum SourceCategory
{
    Null,
    SignedInteger,
    UnsignedInteger,
    FloatingPoint,
    ExactDecimal,
    Boolean,
    Text,
    Binary,
    DateTime,
    Uuid,
    Other,
}
