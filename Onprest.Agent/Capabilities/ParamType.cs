namespace Onprest.Agent.Capabilities;

/// <summary>The four parameter and result-column types of capability.yaml.</summary>
public enum ParamType
{
    String,
    Integer,
    Number,
    Boolean,
}
