using System.Data.Common;
using MySqlConnector;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases.Tls;

namespace Onprest.Agent.Databases.MySql;

/// <summary>
/// MySQL and MariaDB 10.11+ through MySqlConnector (docs/agent-databases.md): server-side prepared statements with
/// positional <c>?</c> parameters, affected rows = rows changed, <c>TINYINT(1)</c> as an integer, zero dates
/// readable, <c>utf8mb4</c>, CHAR(36) left as text. Values are bound with their own types and the server converts them
/// to the type of the column or routine argument (an out-of-range value is error 1264 in strict mode).
/// <c>readonly: true</c> capabilities use a second pool whose sessions are put in read-only transaction mode once, when
/// the physical connection is opened, and are not reset between calls (docs/database-types.md).
/// </summary>
public sealed class MySqlEngine : DatabaseEngine
{
    private readonly MySqlDataSource _pool;
    private readonly MySqlDataSource _readOnly;
    private readonly MySqlDataSource _probe;
    private readonly string[] _redaction;

    private MySqlEngine(MySqlDataSource pool, MySqlDataSource readOnly, MySqlDataSource probe, string[] redaction)
    {
        _pool = pool;
        _readOnly = readOnly;
        _probe = probe;
        _redaction = redaction;
    }

    public override DatabaseDriver Driver => DatabaseDriver.MySql;

    public override IReadOnlyList<string> RedactionTexts => _redaction;

    public static MySqlEngine Create(DatabaseSettings settings, int maxConcurrentRequests)
    {
        var material = TlsMaterial.Load(settings.Tls);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = settings.Host,
            Port = (uint)settings.Port,
            Database = settings.Name,
            UserID = settings.User,
            Password = settings.Password,
            ApplicationName = "onprest-agent",
            CharacterSet = "utf8mb4",
            UseAffectedRows = true,
            TreatTinyAsBoolean = false,
            AllowZeroDateTime = true,
            ConvertZeroDateTime = false,
            GuidFormat = MySqlGuidFormat.None,
            IgnorePrepare = false,
            AllowUserVariables = false,
            AllowLoadLocalInfile = false,
            AllowPublicKeyRetrieval = false,
            Pooling = true,
            ConnectionReset = true,
            MaximumPoolSize = (uint)maxConcurrentRequests + 1,
            MinimumPoolSize = 0,
            ConnectionTimeout = 10,
            DefaultCommandTimeout = 0,
            CancellationTimeout = 2,
            // require/verify-full both demand TLS from the driver; verification is done by the agent's callback.
            SslMode = settings.Tls.Mode == TlsMode.Disable ? MySqlSslMode.None : MySqlSslMode.Required,
        };
        var pool = Build(builder, settings, material, readOnly: false);
        var readOnlySettings = new MySqlConnectionStringBuilder(builder.ConnectionString)
        {
            // A reset would also drop the read-only mode and the session's prepared statements.
            ConnectionReset = false,
            MaximumPoolSize = (uint)maxConcurrentRequests,
        };
        var readOnly = Build(readOnlySettings, settings, material, readOnly: true);
        var probeSettings = new MySqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, ConnectionTimeout = 1 };
        var probe = Build(probeSettings, settings, material, readOnly: false);
        return new MySqlEngine(pool, readOnly, probe, [builder.ConnectionString, readOnlySettings.ConnectionString, probeSettings.ConnectionString]);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _pool.OpenConnectionAsync(cancellationToken);

    public override async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken) =>
        await _readOnly.OpenConnectionAsync(cancellationToken);

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _probe.OpenConnectionAsync(cancellationToken);
        await PingAsync(connection, cancellationToken);
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining)
    {
        if (MySqlStatementGuard.HasSecondStatement(sql))
        {
            throw new InvalidOperationException("the statement text holds more than one statement; MySQL capabilities must be a single statement");
        }

        var command = new MySqlCommand(sql, (MySqlConnection)connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            // docs/agent-params.md: booleans reach MySQL as 1/0.
            command.Parameters.Add(new MySqlParameter { Value = value switch { null => DBNull.Value, bool flag => flag ? 1L : 0L, _ => value } });
        }

        return command;
    }

    public override async Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    public override async Task<long> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await command.PrepareAsync(cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) => MySqlValueReader.Read((MySqlDataReader)reader, ordinal);

    public override DbErrorInfo Classify(Exception exception) => MySqlErrorClassifier.Classify(exception);

    public override void Destroy(DbConnection connection)
    {
        // MySqlConnector offers no per-connection discard, and ClearPool does not reach a data source's pool. What keeps
        // a destroyed session from being reused as it was is the read-write pool's reset (COM_RESET_CONNECTION rolls
        // back any open transaction; a broken session fails the reset and is replaced). The executor destroys only
        // read-write connections.
        MySqlConnection.ClearPool((MySqlConnection)connection);
        connection.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _readOnly.DisposeAsync();
        await _probe.DisposeAsync();
    }

    private static MySqlDataSource Build(MySqlConnectionStringBuilder connection, DatabaseSettings settings, TlsMaterial material, bool readOnly)
    {
        var builder = new MySqlDataSourceBuilder(connection.ConnectionString);
        if (readOnly)
        {
            // Once per physical connection (the pool never resets it): every later transaction of the session is read-only.
            builder.UseConnectionOpenedCallback(static async (context, cancellationToken) =>
            {
                if (context.Conditions != MySqlConnectionOpenedConditions.None)
                {
                    await using var command = new MySqlCommand("SET SESSION TRANSACTION READ ONLY", context.Connection);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            });
        }

        if (settings.Tls.Mode != TlsMode.Disable)
        {
            var validator = ServerCertificateValidator.For(settings, material);
            builder.UseRemoteCertificateValidationCallback(validator.Validate);
            if (material.ClientCertificate is { } client)
            {
                builder.UseClientCertificatesCallback(certificates =>
                {
                    certificates.Add(client);
                    return default;
                });
            }
        }

        return builder.Build();
    }
}
