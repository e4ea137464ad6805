using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The <c>database</c> lint of docs/capability-yaml.md.</summary>
internal static class DatabaseLint
{
    public const string DriverInvalid = "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle";
    public const string OracleUnavailable = "database.driver oracle is not available in this build";

    public static DatabaseSettings Check(RawDatabase raw, string configurationFolder)
    {
        var driver = raw.Driver switch
        {
            "postgres" => DatabaseDriver.Postgres,
            "mysql" => DatabaseDriver.MySql,
            "sqlserver" => DatabaseDriver.SqlServer,
            "sqlite" => DatabaseDriver.Sqlite,
            "oracle" => throw new ConfigurationLintException(OracleUnavailable),
            _ => throw new ConfigurationLintException(DriverInvalid),
        };

        return driver == DatabaseDriver.Sqlite ? CheckSqlite(raw, configurationFolder) : CheckServer(driver, raw, configurationFolder);
    }

    private static DatabaseSettings CheckSqlite(RawDatabase raw, string configurationFolder)
    {
        if (string.IsNullOrEmpty(raw.Path))
        {
            throw new ConfigurationLintException("database.path is required");
        }

        var serverFields = new (string Name, bool IsSet)[]
        {
            ("host", IsSet(raw.Host)),
            ("port", raw.Port is not null and not 0),
            ("name", IsSet(raw.Name)),
            ("user", IsSet(raw.User)),
            ("password", IsSet(raw.Password)),
        };
        foreach (var (name, isSet) in serverFields)
        {
            if (isSet)
            {
                throw new ConfigurationLintException($"database.{name} is not supported for sqlite");
            }
        }

        var tls = raw.Tls;
        if (IsSet(tls.Mode) || IsSet(tls.CaFile) || IsSet(tls.CertFile) || IsSet(tls.KeyFile) || IsSet(tls.ServerName))
        {
            throw new ConfigurationLintException("database.tls is not supported for sqlite");
        }

        var mode = (raw.Mode ?? "").Trim().ToLowerInvariant();
        if (mode is not ("" or "rw" or "ro"))
        {
            throw new ConfigurationLintException("database.mode must be one of rw, ro");
        }

        return new DatabaseSettings
        {
            Driver = DatabaseDriver.Sqlite,
            Path = Path.GetFullPath(raw.Path, configurationFolder),
            ReadOnly = mode == "ro",
        };
    }

    private static DatabaseSettings CheckServer(DatabaseDriver driver, RawDatabase raw, string configurationFolder)
    {
        if (IsSet(raw.Path))
        {
            throw new ConfigurationLintException("database.path is supported only for sqlite");
        }

        if (IsSet(raw.Mode))
        {
            throw new ConfigurationLintException("database.mode is supported only for sqlite");
        }

        if (!IsSet(raw.Host))
        {
            throw new ConfigurationLintException("database.host is required");
        }

        if (!IsSet(raw.Name))
        {
            throw new ConfigurationLintException("database.name is required");
        }

        if (!IsSet(raw.User))
        {
            throw new ConfigurationLintException("database.user is required");
        }

        if (raw.Port is null or <= 0)
        {
            throw new ConfigurationLintException("database.port is required");
        }

        return new DatabaseSettings
        {
            Driver = driver,
            Host = raw.Host!,
            Port = raw.Port.Value,
            Name = raw.Name!,
            User = raw.User!,
            Password = raw.Password ?? "",
            Tls = DatabaseTlsLint.Check(driver, raw.Tls, configurationFolder),
        };
    }

    internal static bool IsSet(string? value) => !string.IsNullOrEmpty(value);
}
