namespace Onprest.Agent.Sql;

/// <summary>The statement's operation: its first token (docs/capability-yaml.md).</summary>
public enum SqlOperation
{
    Unsupported,
    Select,
    Insert,
    Update,
    Delete,
}
