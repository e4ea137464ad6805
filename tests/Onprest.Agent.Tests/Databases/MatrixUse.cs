namespace Onprest.Agent.Tests.Databases;

/// <summary>Where a parameter is used in a matrix cell's statement.</summary>
[Flags]
public enum MatrixUse
{
    None = 0,
    Where = 1,
    In = 2,
    Between = 4,
    Insert = 8,
    Update = 16,
    Function = 32,
    NoBetween = Where | In | Insert | Update | Function,
    All = NoBetween | Between,
}
