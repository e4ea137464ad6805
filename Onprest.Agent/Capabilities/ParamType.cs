namespace Onprest.Agent.Capabilities;

/// <summary>The four parameter and result-column types of capability.yaml (§8.2, §8.3).</summary>
public enum ParamType
{
    String,
    Integer,
    Number,
    Boolean,
}
