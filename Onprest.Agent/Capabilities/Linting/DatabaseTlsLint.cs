using Onprest.Agent.Capabilities.Loading;

namespace Onprest.Agent.Capabilities.Linting;

/// <summary>The TLS rules of docs/capability-yaml.md for server engines, in their stated order.</summary>
internal static class DatabaseTlsLint
{
    public static TlsSettings Check(DatabaseDriver driver, RawTls raw, string configurationFolder)
    {
        var mode = (raw.Mode ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "disable" => TlsMode.Disable,
            "require" => TlsMode.Require,
            "verify-ca" => TlsMode.VerifyCa,
            "verify-full" => TlsMode.VerifyFull,
            _ => throw new ConfigurationLintException("database.tls.mode must be one of disable, require, verify-ca, verify-full"),
        };

        var postgres = driver == DatabaseDriver.Postgres;
        if (mode == TlsMode.VerifyCa && !postgres)
        {
            throw new ConfigurationLintException("database.tls.mode verify-ca is supported only for postgres");
        }

        var hasCert = DatabaseLint.IsSet(raw.CertFile);
        var hasKey = DatabaseLint.IsSet(raw.KeyFile);
        if (hasCert != hasKey)
        {
            throw new ConfigurationLintException("database.tls.cert_file and key_file must be set together");
        }

        if (hasCert && driver is not (DatabaseDriver.Postgres or DatabaseDriver.MySql))
        {
            throw new ConfigurationLintException("database.tls client certificates are supported only for postgres and mysql");
        }

        var hasServerName = DatabaseLint.IsSet(raw.ServerName);
        if (hasServerName && mode != TlsMode.VerifyFull)
        {
            throw new ConfigurationLintException("database.tls.server_name requires mode verify-full");
        }

        var hasCa = DatabaseLint.IsSet(raw.CaFile);
        if (hasCa && !(mode == TlsMode.VerifyFull || (postgres && mode == TlsMode.VerifyCa)))
        {
            throw new ConfigurationLintException("database.tls.ca_file requires mode verify-full or postgres verify-ca");
        }

        if (mode == TlsMode.Disable && (hasCa || hasCert || hasKey || hasServerName))
        {
            throw new ConfigurationLintException("database.tls certificate fields require an enabled TLS mode");
        }

        // Files are read at database open; relative paths are taken from the configuration folder like
        // database.path (docs/capability-yaml-limits.md).
        return new TlsSettings
        {
            Mode = mode,
            CaFile = hasCa ? Path.GetFullPath(raw.CaFile!, configurationFolder) : "",
            CertFile = hasCert ? Path.GetFullPath(raw.CertFile!, configurationFolder) : "",
            KeyFile = hasKey ? Path.GetFullPath(raw.KeyFile!, configurationFolder) : "",
            ServerName = raw.ServerName ?? "",
        };
    }
}
