namespace Onprest.Agent.Capabilities;

/// <summary>The database engines of this build (docs/capability-yaml.md).</summary>
public enum DatabaseDriver
{
    Postgres,
    MySql,
    SqlServer,
    Sqlite,
    Oracle,
}

/// <summary>A linted <c>database</c> section. Holds credentials: never logged, never sent anywhere.</summary>
public sealed record DatabaseSettings
{
    public required DatabaseDriver Driver { get; init; }
    public string Host { get; init; } = "";
    public int Port { get; init; }
    public string Name { get; init; } = "";
    public string User { get; init; } = "";
    public string Password { get; init; } = "";
    /// <summary>SQLite: the absolute path, resolved against the configuration folder.</summary>
    public string Path { get; init; } = "";
    /// <summary>SQLite: true for <c>mode: ro</c>.</summary>
    public bool ReadOnly { get; init; }
    public TlsSettings Tls { get; init; } = new();
}

/// <summary>TLS modes (docs/capability-yaml.md).</summary>
public enum TlsMode
{
    Disable,
    Require,
    VerifyCa,
    VerifyFull,
}

/// <summary>A linted <c>database.tls</c> section; file paths are absolute or as written.</summary>
public sealed record TlsSettings
{
    public TlsMode Mode { get; init; } = TlsMode.Disable;
    public string CaFile { get; init; } = "";
    public string CertFile { get; init; } = "";
    public string KeyFile { get; init; } = "";
    public string ServerName { get; init; } = "";
}
