namespace Onprest.Agent.Sql;

/// <summary>The statement's operation: its first token (capability-yaml.md §10.3).</summary>
public enum SqlOperation
{
    Unsupported,
    Select,
    Insert,
    Update,
    Delete,
}
