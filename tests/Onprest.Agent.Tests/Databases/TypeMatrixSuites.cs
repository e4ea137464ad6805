namespace Onprest.Agent.Tests.Databases;

/// <summary>The type matrix on PostgreSQL from the environment (CI).</summary>
public sealed class PostgresTypeMatrixTests(TypeMatrixFixture<PostgresEnvTarget> fixture) : TypeMatrixSuite<PostgresEnvTarget>(fixture)
{
    public static TheoryData<string> Cells => CellIds(TypeMatrices.Postgres);

    public static TheoryData<string> OutOfRangeCells => OutOfRangeIds(TypeMatrices.Postgres);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Cell(string cell) => RunCellAsync(cell);

    [Theory]
    [MemberData(nameof(OutOfRangeCells))]
    public Task Out_of_range(string cell) => RunOutOfRangeAsync(cell);
}

/// <summary>The type matrix on MariaDB/MySQL from the environment (CI).</summary>
public sealed class MySqlTypeMatrixTests(TypeMatrixFixture<MySqlEnvTarget> fixture) : TypeMatrixSuite<MySqlEnvTarget>(fixture)
{
    public static TheoryData<string> Cells => CellIds(TypeMatrices.MySql);

    public static TheoryData<string> OutOfRangeCells => OutOfRangeIds(TypeMatrices.MySql);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Cell(string cell) => RunCellAsync(cell);

    [Theory]
    [MemberData(nameof(OutOfRangeCells))]
    public Task Out_of_range(string cell) => RunOutOfRangeAsync(cell);
}

/// <summary>The type matrix on an SQLite file.</summary>
public sealed class SqliteTypeMatrixTests(TypeMatrixFixture<SqliteTarget> fixture) : TypeMatrixSuite<SqliteTarget>(fixture)
{
    public static TheoryData<string> Cells => CellIds(TypeMatrices.Sqlite);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Cell(string cell) => RunCellAsync(cell);
}

/// <summary>The type matrix on a SQL Server container (Testcontainers; skipped at run time without Docker).</summary>
public sealed class SqlServerTypeMatrixTests(TypeMatrixFixture<SqlServerContainerTarget> fixture) : TypeMatrixSuite<SqlServerContainerTarget>(fixture)
{
    public static TheoryData<string> Cells => CellIds(TypeMatrices.SqlServer);

    public static TheoryData<string> OutOfRangeCells => OutOfRangeIds(TypeMatrices.SqlServer);

    [Theory]
    [MemberData(nameof(Cells))]
    public Task Cell(string cell) => RunCellAsync(cell);

    [Theory]
    [MemberData(nameof(OutOfRangeCells))]
    public Task Out_of_range(string cell) => RunOutOfRangeAsync(cell);
}
