using System.Data.Common;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases.Tls;

namespace Onprest.Agent.Databases.Postgres;

/// <summary>
/// PostgreSQL through Npgsql (docs/agent-databases.md): positional <c>$n</c> parameters over the extended protocol with
/// client-side SQL rewriting switched off, so the server itself refuses a text with more than one statement; every
/// value bound as text of type <c>unknown</c> so the server types each placeholder from its context, as it would an
/// untyped literal (an <c>integer</c> function argument, a <c>smallint</c> column, a domain, an enum, a <c>uuid</c>);
/// results requested in text format and classified by type OID (<see cref="PostgresValueReader"/>).
/// <c>readonly: true</c> capabilities use a second pool whose sessions start with
/// <c>default_transaction_read_only=on</c> and skip Npgsql's reset on return (docs/database-types.md).
/// </summary>
public sealed class PostgresEngine : DatabaseEngine
{
    private readonly NpgsqlDataSource _pool;
    private readonly NpgsqlDataSource _readOnly;
    private readonly NpgsqlDataSource _probe;
    private readonly string[] _redaction;
    private readonly PostgresSessionGuard _readOnlySession = new();

    static PostgresEngine()
    {
        // Npgsql otherwise parses the SQL client-side and splits on semicolons.
        AppContext.SetSwitch("Npgsql.EnableSqlRewriting", false);
    }

    private PostgresEngine(NpgsqlDataSource pool, NpgsqlDataSource readOnly, NpgsqlDataSource probe, string[] redaction)
    {
        _pool = pool;
        _readOnly = readOnly;
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
        var readOnlySettings = ReadOnlySettings(builder, maxConcurrentRequests);
        var readOnly = Build(readOnlySettings, settings, material);
        var probeSettings = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false, Timeout = 1 };
        var probe = Build(probeSettings, settings, material);
        return new PostgresEngine(pool, readOnly, probe, [builder.ConnectionString, readOnlySettings.ConnectionString, probeSettings.ConnectionString]);
    }

    /// <summary>
    /// The pool of <c>readonly: true</c> capabilities. Every transaction of its sessions is read-only from the first
    /// packet on (a startup option, no extra statement), so a function with side effects or <c>SELECT … FOR UPDATE</c> is
    /// refused by the server (SQLSTATE 25006). Npgsql's reset on return is skipped here: a read-only transaction cannot
    /// create temporary objects or use sequences, and the settings that matter for safety and for reading results are
    /// watched through the server's own reports (<see cref="PostgresSessionGuard"/>) instead of being reset per call.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder ReadOnlySettings(NpgsqlConnectionStringBuilder readWrite, int maxConcurrentRequests) =>
        new(readWrite.ConnectionString)
        {
            Options = readWrite.Options + " -c default_transaction_read_only=on",
            NoResetOnClose = true,
            MaxPoolSize = maxConcurrentRequests,
        };

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _pool.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// A pooled read-only session whose reported settings are still those it started with; a session a statement
    /// changed (for example with <c>set_config(…, false)</c>) is destroyed and replaced by a new one.
    /// </summary>
    public override async Task<DbConnection> OpenReadOnlyAsync(CancellationToken cancellationToken)
    {
        var connection = await _readOnly.OpenConnectionAsync(cancellationToken);
        if (_readOnlySession.IsUnchanged(connection))
        {
            return connection;
        }

        // Clearing the pool also retires sessions in use when they come back, so the next one is new.
        _readOnly.Clear();
        await connection.DisposeAsync();
        connection = await _readOnly.OpenConnectionAsync(cancellationToken);
        _readOnlySession.Remember(connection);
        return connection;
    }

    /// <summary>
    /// EXPLAIN with the start-up placeholder values; when the server refuses one of those values for the type it gave
    /// the placeholder (SQLSTATE class 22: the sample <c>x</c> for a <c>uuid</c> column, <c>1</c> for a <c>date</c>), the
    /// statement itself was accepted, so it is explained again with NULL, which every type takes.
    /// </summary>
    public override async Task ExplainAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        try
        {
            await base.ExplainAsync(sql, values, cancellationToken);
        }
        catch (PostgresException ex) when (values.Count > 0 && PostgresErrorClassifier.IsDataException(ex))
        {
            await base.ExplainAsync(sql, new object?[values.Count], cancellationToken);
        }
    }

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
        // Every value as text of type unknown: PostgreSQL gives the placeholder the type its context needs and parses the
        // text as that type, exactly as for an untyped literal. Integers are decimal text; numbers the shortest
        // round-trip text (integral ones without fraction, so 2.0 also fits an integer); booleans 1/0, which both
        // boolean and integer columns (legacy 0/1 flags) accept.
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = value switch
                {
                    null => DBNull.Value,
                    string text => text,
                    long integer => integer.ToString(CultureInfo.InvariantCulture),
                    double number => FloatText.Format(number),
                    bool flag => flag ? "1" : "0",
                    _ => throw new ArgumentException($"unsupported bound value type {value.GetType().Name}", nameof(values)),
                },
                NpgsqlDbType = NpgsqlDbType.Unknown,
            });
        }

        return command;
    }

    public override SourceValue Read(DbDataReader reader, int ordinal) =>
        PostgresValueReader.Read((NpgsqlDataReader)reader, ordinal);

    public override DbErrorInfo Classify(Exception exception) => PostgresErrorClassifier.Classify(exception);

    public override void Destroy(DbConnection connection)
    {
        // Npgsql has no per-connection discard: clearing closes idle sessions now and flags this one to be closed when
        // it is returned. It must be the data sources' own Clear: NpgsqlConnection.ClearPool only knows pools created
        // from connection strings, so for data-source connections it clears nothing and the session would be reused.
        _pool.Clear();
        _readOnly.Clear();
        connection.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _readOnly.DisposeAsync();
        await _probe.DisposeAsync();
    }

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
