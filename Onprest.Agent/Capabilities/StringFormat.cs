namespace Onprest.Agent.Capabilities;

/// <summary>The <c>format</c> values of a string parameter (docs/capability-yaml.md); <see cref="None"/> = no constraint.</summary>
public enum StringFormat
{
    None,
    Email,
    Uuid,
    Date,
    DateTime,
    Uri,
}
