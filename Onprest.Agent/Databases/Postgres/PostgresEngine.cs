using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases.Tls;

namespace Onprest.Agent.Databases.Postgres;

/// <summary>
/// PostgreSQL through Npgsql (execution.md §9): positional <c>$n</c> parameters over the extended protocol with
/// client-side SQL rewriting switched off, so the server itself refuses a text with more than one statement; strings
/// bound with type <c>unknown</c> so the server infers them from context; results requested in text format and
/// classified by type OID (<see cref="PostgresValueReader"/>).
/// </summary>
public sealed class PostgresEngine : DatabaseEngine
{
    private readonly NpgsqlDataSource _pool;
    private readonly NpgsqlDataSource _probe;
    private readonly string[] _redaction;

    static PostgresEngine()
    {
        // Npgsql otherwise parses the SQL client-side and splits on semicolons (decision D26).
        AppContext.SetSwitch("Npgsql.EnableSqlRewriting", false);
    }

    private PostgresEngine(NpgsqlDataSource pool, NpgsqlDataSource probe, string[] redaction)
    {
        _pool = pool;
        _probe = probe;
        _redaction = redaction;
    }

    public override DatabaseDriver Driver => DatabaseDriver.Postgres;

    public override IReadOnlyList<string> RedactionTexts => _redaction;

    public static PostgresEngine Create(DatabaseSettings settings, int maxConcurrentRequests)
    {
        var material = TlsMaterial.Load(settings.Tls);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = settings.Host,
            Port = settings.Port,
            Database = settings.Name,
            Username = settings.User,
            Password = settings.Password,
            ApplicationName = "onprest-agent",
            // N executions never wait for a connection; the spare serves the start-up EXPLAIN.
            MaxPoolSize = maxConcurrentRequests + 1,
            MinPoolSize = 0,
            Timeout = 10,
            CommandTimeout = 0,
            CancellationTimeout = 2000,
            Timezone = "UTC",
            Options = "-c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=3",
            IncludeErrorDetail = true,
            Multiplexing = false,
            // Each capability's statement becomes a server-side prepared statement on every pooled connection after
            // its second use (parse and plan once per connection, then bind and execute only); Npgsql drops them
            // when a table's schema changes. The capability count of a real file stays far below the LRU size.
            MaxAutoPrepare = 128,
            AutoPrepareMinUsages = 2,
            SslMode = settings.Tls.Mode == TlsMode.Disable ? SslMode.Disable : SslMode.Require,
        };

        // Passfiles and environment defaults never fill in what capability.yaml left out.
        builder.Passfile = null;
        var pool = Build(builder, settings, material);
        var probeSettings = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, Timeout = 1 };
        var probe = Build(probeSettings, settings, material);
        return new PostgresEngine(pool, probe, [builder.ConnectionString, probeSettings.ConnectionString]);
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _pool.OpenConnectionAsync(cancellationToken);

    public override async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _probe.OpenConnectionAsync(cancellationToken);
        await PingAsync(connection, cancellationToken);
    }

    public override DbCommand CreateCommand(DbConnection connection, string sql, IReadOnlyList<object?> values, TimeSpan remaining)
    {
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection)
        {
            CommandTimeout = 0,
            // Text results let every type, including those Npgsql cannot map, be read in PostgreSQL's own form.
            AllResultTypesAreUnknown = true,
        };
        foreach (var value in values)
        {
            command.Parameters.Add(Parameter(value));
        }

        return command;
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) =>
        PostgresValueReader.Read((NpgsqlDataReader)reader, ordinal);

    public override DbErrorInfo Classify(Exception exception) => PostgresErrorClassifier.Classify(exception);

    public override void Destroy(DbConnection connection)
    {
        // Npgsql has no per-connection discard: clearing the pool closes idle connections now and this one on close.
        NpgsqlConnection.ClearPool((NpgsqlConnection)connection);
        connection.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _probe.DisposeAsync();
    }

    internal static NpgsqlParameter Parameter(object? value) => value switch
    {
        null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
        string text => new NpgsqlParameter { Value = text, NpgsqlDbType = NpgsqlDbType.Unknown },
        long integer => new NpgsqlParameter { Value = integer, NpgsqlDbType = NpgsqlDbType.Bigint },
        double number => new NpgsqlParameter { Value = number, NpgsqlDbType = NpgsqlDbType.Double },
        bool flag => new NpgsqlParameter { Value = flag, NpgsqlDbType = NpgsqlDbType.Boolean },
        _ => throw new ArgumentException($"unsupported bound value type {value.GetType().Name}", nameof(value)),
    };

    private static NpgsqlDataSource Build(NpgsqlConnectionStringBuilder connection, DatabaseSettings settings, TlsMaterial material)
    {
        var builder = new NpgsqlDataSourceBuilder(connection.ConnectionString);
        if (settings.Tls.Mode != TlsMode.Disable)
        {
            var validator = ServerCertificateValidator.For(settings, material);
            builder.UseSslClientAuthenticationOptionsCallback(options =>
            {
                options.RemoteCertificateValidationCallback = validator.Validate;
                if (material.ClientCertificate is { } client)
                {
                    options.ClientCertificates = [client];
                }
            });
        }

        return builder.Build();
    }
}
