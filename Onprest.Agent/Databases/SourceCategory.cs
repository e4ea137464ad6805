namespace Onprest.Agent.Databases;

/// <summary>The source categories of docs/agent-params.md/.</summary>
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
