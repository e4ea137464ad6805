using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;
using Onprest.Agent.Sql;

namespace Onprest.Fuzz.Sql;

/// <summary>What a real engine says about a text: it saw several statements, one, or it could not tell (a syntax error).</summary>
public enum EngineVerdict
{
    Several,
    One,
    Unknown,
}

/// <summary>
/// Asks a real database engine how many statements a text holds, without running anything the text could say:
/// PostgreSQL parses it as one prepared statement (the server refuses several commands there with its own message);
/// SQLite prepares statement after statement from the tail it returns; MariaDB, which has no such message, runs the
/// text with multi-statements on and counts the result sets (the generators only produce SELECT-ish text).
/// </summary>
public interface IEngineOracle : IDisposable
{
    string Name { get; }

    SqlDialect Dialect { get; }

    /// <summary>The verdict of every reading this engine can be put into (for example each SQL mode).</summary>
    IEnumerable<(string Reading, EngineVerdict Verdict)> Judge(string serverText);
}

/// <summary>PostgreSQL through Npgsql with SQL rewriting off, so the text reaches the server's parser as written.</summary>
public sealed class PostgresOracle : IEngineOracle
{
    private readonly List<(string Reading, NpgsqlConnection Connection)> _sessions = [];
    private readonly string _connectionString;

    public PostgresOracle(string connectionString)
    {
        // Npgsql otherwise splits the text on ';' itself and never lets the server see it as one.
        AppContext.SetSwitch("Npgsql.EnableSqlRewriting", false);
        _connectionString = connectionString;
        foreach (var (reading, setting) in new[] { ("standard_conforming_strings=on", "on"), ("standard_conforming_strings=off", "off") })
        {
            _sessions.Add((reading, Open(setting)));
        }
    }

    public string Name => "postgres";

    public SqlDialect Dialect => SqlDialect.Postgres;

    public IEnumerable<(string Reading, EngineVerdict Verdict)> Judge(string serverText)
    {
        for (var i = 0; i < _sessions.Count; i++)
        {
            var (reading, connection) = _sessions[i];
            var verdict = JudgeOne(connection, serverText);
            if (connection.FullState != System.Data.ConnectionState.Open)
            {
                // A fatal error or a timeout breaks the session; without a new one every later text would be unknown.
                connection.Dispose();
                _sessions[i] = (reading, Open(reading.EndsWith("off", StringComparison.Ordinal) ? "off" : "on"));
            }

            yield return (reading, verdict);
        }
    }

    private NpgsqlConnection Open(string setting)
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var set = new NpgsqlCommand($"SET standard_conforming_strings = {setting}", connection);
        set.ExecuteNonQuery();
        return connection;
    }

    private static EngineVerdict JudgeOne(NpgsqlConnection connection, string text)
    {
        using var command = new NpgsqlCommand(text, connection);
        try
        {
            // Parse and describe only: nothing is executed.
            command.Prepare();
            command.Unprepare();
            return EngineVerdict.One;
        }
        catch (PostgresException ex) when (ex.MessageText.StartsWith("cannot insert multiple commands into a prepared statement", StringComparison.Ordinal))
        {
            return EngineVerdict.Several;
        }
        catch (PostgresException)
        {
            // Syntax errors, unknown columns, parameters of unknown type: the parser's split is not visible.
            return EngineVerdict.Unknown;
        }
        catch (Exception ex) when (ex is ArgumentException or NpgsqlException or InvalidOperationException)
        {
            return EngineVerdict.Unknown;
        }
    }

    public void Dispose()
    {
        foreach (var (_, connection) in _sessions)
        {
            connection.Dispose();
        }
    }
}

/// <summary>MariaDB/MySQL: runs the text in sessions with different SQL modes and counts the result sets.</summary>
public sealed class MySqlOracle : IEngineOracle
{
    private readonly List<(string Reading, MySqlConnection Connection)> _sessions = [];
    private readonly string _connectionString;

    public MySqlOracle(string connectionString)
    {
        _connectionString = new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true, DefaultCommandTimeout = 5 }.ConnectionString;
        foreach (var mode in new[] { "", "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES" })
        {
            _sessions.Add((mode.Length == 0 ? "sql_mode=''" : $"sql_mode={mode}", Open(mode)));
        }
    }

    public string Name => "mariadb";

    public SqlDialect Dialect => SqlDialect.MySql;

    public IEnumerable<(string Reading, EngineVerdict Verdict)> Judge(string serverText)
    {
        for (var i = 0; i < _sessions.Count; i++)
        {
            var (reading, connection) = _sessions[i];
            EngineVerdict verdict;
            try
            {
                verdict = JudgeOne(connection, serverText);
            }
            catch (Exception ex) when (ex is MySqlException or InvalidOperationException)
            {
                verdict = EngineVerdict.Unknown;
            }

            if (connection.State != System.Data.ConnectionState.Open)
            {
                // A fatal error closes the session: reopen it in the same mode.
                connection.Dispose();
                var mode = reading == "sql_mode=''" ? "" : reading["sql_mode=".Length..];
                _sessions[i] = (reading, Open(mode));
            }

            yield return (reading, verdict);
        }
    }

    private MySqlConnection Open(string mode)
    {
        var connection = new MySqlConnection(_connectionString);
        connection.Open();
        using var set = new MySqlCommand($"SET SESSION sql_mode = '{mode}'", connection);
        set.ExecuteNonQuery();
        return connection;
    }

    private static EngineVerdict JudgeOne(MySqlConnection connection, string text)
    {
        using var command = new MySqlCommand(text, connection);
        var results = 0;
        try
        {
            using var reader = command.ExecuteReader();
            do
            {
                results++;
                while (reader.Read())
                {
                }
            }
            while (reader.NextResult());
        }
        catch (MySqlException)
        {
            // An error in a later statement still proves the server went on past the first one.
            return results > 0 ? EngineVerdict.Several : EngineVerdict.Unknown;
        }

        return results > 1 ? EngineVerdict.Several : EngineVerdict.One;
    }

    public void Dispose()
    {
        foreach (var (_, connection) in _sessions)
        {
            connection.Dispose();
        }
    }
}

/// <summary>SQLite in memory: prepares the text and then whatever tail SQLite hands back, counting real statements.</summary>
public sealed class SqliteOracle : IEngineOracle
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteOracle()
    {
        _connection.Open();
    }

    public string Name => "sqlite";

    public SqlDialect Dialect => SqlDialect.Sqlite;

    public IEnumerable<(string Reading, EngineVerdict Verdict)> Judge(string serverText)
    {
        yield return ("default", JudgeOne(serverText));
    }

    private EngineVerdict JudgeOne(string text)
    {
        var statements = 0;
        var rest = text;
        while (rest.Length > 0)
        {
            var rc = SQLitePCL.raw.sqlite3_prepare_v2(_connection.Handle, rest, out var statement, out var tail);
            using (statement)
            {
                if (rc != SQLitePCL.raw.SQLITE_OK)
                {
                    return statements > 0 ? EngineVerdict.Several : EngineVerdict.Unknown;
                }

                if (statement is null || statement.IsInvalid)
                {
                    // Only whitespace and comments were left.
                    break;
                }

                statements++;
            }

            if (tail is null || tail.Length >= rest.Length)
            {
                break;
            }

            rest = tail;
        }

        return statements > 1 ? EngineVerdict.Several : statements == 1 ? EngineVerdict.One : EngineVerdict.Unknown;
    }

    public void Dispose() => _connection.Dispose();
}

/// <summary>Connection settings from the ONPREST_TEST_* variables of .ci/databases.sh (docs/testing.md).</summary>
public static class TestDatabases
{
    public static string? Postgres()
    {
        var host = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_HOST");
        return string.IsNullOrEmpty(host) ? null : new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.Parse(Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_PORT") ?? "5432", System.Globalization.CultureInfo.InvariantCulture),
            Database = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_DB"),
            Username = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_READER_USER"),
            Password = Environment.GetEnvironmentVariable("ONPREST_TEST_POSTGRES_READER_PASSWORD"),
            Pooling = false,
            SslMode = SslMode.Disable,
            Timeout = 120,
            CommandTimeout = 60,
        }.ConnectionString;
    }

    public static string? MySql()
    {
        var host = Environment.GetEnvironmentVariable("ONPREST_TEST_MYSQL_HOST");
        return string.IsNullOrEmpty(host) ? null : new MySqlConnectionStringBuilder
        {
            Server = host,
            Port = uint.Parse(Environment.GetEnvironmentVariable("ONPREST_TEST_MYSQL_PORT") ?? "3306", System.Globalization.CultureInfo.InvariantCulture),
            Database = Environment.GetEnvironmentVariable("ONPREST_TEST_MYSQL_DB"),
            UserID = Environment.GetEnvironmentVariable("ONPREST_TEST_MYSQL_READER_USER"),
            Password = Environment.GetEnvironmentVariable("ONPREST_TEST_MYSQL_READER_PASSWORD"),
            Pooling = false,
            SslMode = MySqlSslMode.None,
            ConnectionTimeout = 120,
        }.ConnectionString;
    }
}
