using System.Globalization;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Sql;

namespace Onprest.Agent.Tests.Databases;

/// <summary>
/// The parameter-type matrix of one engine (docs/database-types.md is written from these tables): every column type
/// a legacy schema commonly has, each parameter type a user would reasonably declare for it, and each place a
/// parameter appears in a statement. <c>{t}</c> in SQL is the run's unique table name; <c>:v</c> the parameter.
/// </summary>
public sealed class TypeMatrix
{
    private const string SelectRow1 = "{\"rows\":[{\"id\":1}],\"count\":1}";

    public required string Engine { get; init; }

    public required SqlDialect Dialect { get; init; }

    public required IReadOnlyList<MatrixColumn> Columns { get; init; }

    public required IReadOnlyList<MatrixCase> Cases { get; init; }

    /// <summary>Statements creating the engine's extra types (enums, domains) before the table; <c>{t}</c> replaced.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>A function returning its one argument of the column's type; null = the engine has no stored functions.</summary>
    public Func<string, MatrixColumn, string>? CreateFunction { get; init; }

    public Func<string, MatrixColumn, string>? DropFunction { get; init; }

    public Func<string, MatrixColumn, string> FunctionName { get; init; } = (t, c) => $"{t}_f_{c.Name}";

    public IReadOnlyList<string> DropTypes { get; init; } = [];

    public string TableSuffix { get; init; } = "";

    public IReadOnlyList<OutOfRangeCell> OutOfRange { get; init; } = [];

    public string LimitSql { get; init; } = "SELECT id FROM {t} WHERE id < 3 ORDER BY id LIMIT :v";

    public IEnumerable<string> CreateStatements(string t)
    {
        foreach (var type in Types)
        {
            yield return type.Replace("{t}", t, StringComparison.Ordinal);
        }

        var columns = string.Join(", ", Columns.Select(c => $"{c.Name} {c.SqlType.Replace("{t}", t, StringComparison.Ordinal)}"));
        yield return $"CREATE TABLE {t} (id INTEGER PRIMARY KEY, {columns}){TableSuffix}";
        var names = string.Join(", ", Columns.Select(c => c.Name));
        yield return $"INSERT INTO {t} (id, {names}) VALUES (1, {string.Join(", ", Columns.Select(c => c.Row1))})";
        yield return $"INSERT INTO {t} (id, {names}) VALUES (2, {string.Join(", ", Columns.Select(c => c.Row2))})";
        if (CreateFunction is not null)
        {
            foreach (var column in Columns.Where(c => c.Uses.HasFlag(MatrixUse.Function)))
            {
                yield return CreateFunction(t, column);
            }
        }
    }

    public IEnumerable<string> DropStatements(string t)
    {
        if (DropFunction is not null)
        {
            foreach (var column in Columns.Where(c => c.Uses.HasFlag(MatrixUse.Function)))
            {
                yield return DropFunction(t, column);
            }
        }

        yield return $"DROP TABLE IF EXISTS {t}";
        foreach (var type in DropTypes)
        {
            yield return type.Replace("{t}", t, StringComparison.Ordinal);
        }
    }

    /// <summary>Every cell: one per case and use; INSERT and UPDATE cells get their own row id.</summary>
    public IReadOnlyList<MatrixCell> Cells()
    {
        var cells = new List<MatrixCell>();
        var nextId = 100;
        foreach (var item in Cases)
        {
            var column = Columns.Single(c => c.Name == item.Column);
            var spec = Spec(item.Param);
            var label = $"{column.Display} | {{0}} | {item.Param}";
            var read = spec.Type;
            var uses = column.Uses & (CreateFunction is null ? ~MatrixUse.Function : MatrixUse.All);
            if (uses.HasFlag(MatrixUse.Where))
            {
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "WHERE ="), $"SELECT id FROM {{t}} WHERE {column.Name} = :v AND id < 3", spec, item.Json, SelectRow1, null, null, read, null));
            }

            if (uses.HasFlag(MatrixUse.In))
            {
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "IN (…)"), $"SELECT id FROM {{t}} WHERE {column.Name} IN (:v, :v) AND id < 3", spec, item.Json, SelectRow1, null, null, read, null));
            }

            if (uses.HasFlag(MatrixUse.Between))
            {
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "BETWEEN"), $"SELECT id FROM {{t}} WHERE {column.Name} BETWEEN :v AND :v AND id < 3", spec, item.Json, SelectRow1, null, null, read, null));
            }

            if (uses.HasFlag(MatrixUse.Insert))
            {
                var id = nextId++;
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "INSERT"), $"INSERT INTO {{t}} (id, {column.Name}) VALUES ({id}, :v)", spec, item.Json, "{\"count\":1}",
                    $"SELECT {column.Name} AS v FROM {{t}} WHERE id = {id}", Row(item.Out), read, null));
            }

            if (uses.HasFlag(MatrixUse.Update))
            {
                var id = nextId++;
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "UPDATE SET"), $"UPDATE {{t}} SET {column.Name} = :v WHERE id = {id}", spec, item.Json, "{\"count\":1}",
                    $"SELECT {column.Name} AS v FROM {{t}} WHERE id = {id}", Row(item.Out), read, $"INSERT INTO {{t}} (id) VALUES ({id})"));
            }

            if (uses.HasFlag(MatrixUse.Function))
            {
                cells.Add(new(string.Format(CultureInfo.InvariantCulture, label, "function argument"), $"SELECT {FunctionName("{t}", column)}(:v) AS v", spec, item.Json, Row(item.Out), null, null, read, null));
            }
        }

        cells.Add(new("LIMIT | integer", LimitSql, Spec("integer"), "1", SelectRow1, null, null, ParamType.Integer, null));
        return cells;
    }

    public static ParameterSpec Spec(string param)
    {
        var parts = param.Split('/');
        var type = parts[0] switch
        {
            "integer" => ParamType.Integer,
            "number" => ParamType.Number,
            "boolean" => ParamType.Boolean,
            "string" => ParamType.String,
            _ => throw new ArgumentException($"unknown param type {param}", nameof(param)),
        };
        var format = parts.Length == 1 ? StringFormat.None : parts[1] switch
        {
            "date" => StringFormat.Date,
            "date-time" => StringFormat.DateTime,
            "uuid" => StringFormat.Uuid,
            _ => throw new ArgumentException($"unknown format {param}", nameof(param)),
        };
        return new ParameterSpec { Name = "v", Type = type, Format = format, Required = true };
    }

    private static string Row(string value) => $"{{\"rows\":[{{\"v\":{value}}}],\"count\":1}}";
}
