namespace Onprest.Agent.Tests.Databases;

/// <summary>A column of the matrix table: its SQL type, the value of row 1 (what the cells look for) and of row 2.</summary>
public sealed record MatrixColumn(string Name, string SqlType, string Row1, string Row2, MatrixUse Uses = MatrixUse.All, string? Label = null)
{
    /// <summary>How the column's type appears in test names.</summary>
    public string Display => Label ?? SqlType;
}
