namespace Onprest.Agent.Capabilities;

/// <summary>The <c>format</c> values of a string parameter (capability-yaml.md §8.2); <see cref="None"/> = no constraint.</summary>
public enum StringFormat
{
    None,
    Email,
    Uuid,
    Date,
    DateTime,
    Uri,
}
