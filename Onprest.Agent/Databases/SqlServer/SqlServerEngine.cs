using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Onprest.Agent.Capabilities;

namespace Onprest.Agent.Databases.SqlServer;

/// <summary>
/// Microsoft SQL Server through Microsoft.Data.SqlClient (docs/agent-databases.md): named <c>@pN</c> parameters, strings as
/// <c>nvarchar</c>, <c>SET NOCOUNT OFF</c> so affected counts are reported, EXPLAIN through <c>SHOWPLAN_TEXT</c> on a
/// dedicated connection that is destroyed when the option cannot be switched off.
/// </summary>
public sealed class SqlServerEngine : DatabaseEngine
{
    /// <summary>docs/capability-yaml.md: <c>SET SHOWPLAN_TEXT OFF</c> is bounded by 5 s.</summary>
    public static readonly TimeSpan ShowplanOffLimit = TimeSpan.FromSeconds(5);

    private readonly string _pooled;
    private readonly string _unpooled;

    private SqlServerEngine(string pooled, string unpooled)
    {
        _pooled = pooled;
        _unpooled = unpooled;
    }

    public override DatabaseDriver Driver => DatabaseDriver.SqlServer;

    public override IReadOnlyList<string> RedactionTexts => [_pooled, _unpooled];

    public static SqlServerEngine Create(DatabaseSettings settings, int maxConcurrentRequests)
    {
        var builder = new SqlConnectionStringBuilder
        {
            DataSource = string.Create(CultureInfo.InvariantCulture, $"tcp:{settings.Host},{settings.Port}"),
            InitialCatalog = settings.Name,
            UserID = settings.User,
            Password = settings.Password,
            ApplicationName = "onprest-agent",
            Pooling = true,
            MaxPoolSize = maxConcurrentRequests + 1,
            MinPoolSize = 0,
            ConnectTimeout = 10,
            CommandTimeout = 0,
            MultipleActiveResultSets = false,
            PersistSecurityInfo = false,
        };
        ApplyTls(builder, settings);
        var unpooled = new SqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, ConnectTimeout = 1 };
        return new SqlServerEngine(builder.ConnectionString, unpooled.ConnectionString);
    }

    /// <summary>docs/capability-yaml.md for SQL Server; never a plaintext fallback once TLS is requested.</summary>
    public static void ApplyTls(SqlConnectionStringBuilder builder, DatabaseSettings settings)
    {
        switch (settings.Tls.Mode)
        {
            case TlsMode.Disable:
                builder.Encrypt = SqlConnectionEncryptOption.Optional;
                builder.TrustServerCertificate = false;
                break;
            case TlsMode.Require:
                builder.Encrypt = SqlConnectionEncryptOption.Mandatory;
                builder.TrustServerCertificate = true;
                break;
            default:
                builder.Encrypt = SqlConnectionEncryptOption.Mandatory;
                builder.TrustServerCertificate = false;
                builder.HostNameInCertificate = settings.Tls.ServerName.Length > 0 ? settings.Tls.ServerName : settings.Host;
                if (settings.Tls.CaFile.Length > 0)
                {
                    // SqlClient takes no custom trust anchor; ServerCertificate pins the expected certificate (docs/agent-databases.md).
                    Tls.TlsMaterial.Load(settings.Tls);
                    builder.ServerCertificate = settings.Tls.CaFile;
                }

                break;
        }
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_pooled);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(_unpooled);
        await connection.OpenAsync(cancellationToken);
        await PingAsync(connection, cancellationToken);
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining)
    {
        var command = new SqlCommand(sql, (SqlConnection)connection) { CommandTimeout = 0 };
        for (var index = 0; index < values.Count; index++)
        {
            command.Parameters.Add(Parameter($"@p{index + 1}", values[index]));
        }

        return command;
    }

    public override async Task<long> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken)
    {
        // Connections start with NOCOUNT off, but a pooled session may have changed it; the count must be reported.
        command.CommandText = "SET NOCOUNT OFF;\n" + command.CommandText;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) => SqlServerValueReader.Read((SqlDataReader)reader, ordinal);

    public override DbErrorInfo Classify(Exception exception) => SqlServerErrorClassifier.Classify(exception);

    /// <summary>docs/capability-yaml.md: <c>SHOWPLAN_TEXT</c> on an unpooled connection, so a failed OFF can never leak into the pool.</summary>
    public override async Task ExplainAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(_unpooled);
        await connection.OpenAsync(cancellationToken);
        await using (var on = new SqlCommand("SET SHOWPLAN_TEXT ON", connection))
        {
            await on.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var command = CreateCommand(connection, sql, values, Timeout.InfiniteTimeSpan);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        finally
        {
            using var limit = new CancellationTokenSource(ShowplanOffLimit);
            try
            {
                await using var off = new SqlCommand("SET SHOWPLAN_TEXT OFF", connection);
                await off.ExecuteNonQueryAsync(limit.Token);
            }
            catch (Exception ex) when (ex is SqlException or OperationCanceledException or InvalidOperationException)
            {
                Destroy(connection);
            }
        }
    }

    public override void Destroy(DbConnection connection)
    {
        SqlConnection.ClearPool((SqlConnection)connection);
        connection.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static SqlParameter Parameter(string name, object? value) => value switch
    {
        null => new SqlParameter(name, SqlDbType.NVarChar, -1) { Value = DBNull.Value },
        string text => new SqlParameter(name, SqlDbType.NVarChar, -1) { Value = text },
        long integer => new SqlParameter(name, SqlDbType.BigInt) { Value = integer },
        double number => new SqlParameter(name, SqlDbType.Float) { Value = number },
        bool flag => new SqlParameter(name, SqlDbType.Bit) { Value = flag },
        _ => throw new ArgumentException($"unsupported bound value type {value.GetType().Name}", nameof(value)),
    };
}
