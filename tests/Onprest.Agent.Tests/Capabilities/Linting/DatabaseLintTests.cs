using static Onprest.Agent.Tests.Capabilities.CapabilityYaml;

namespace Onprest.Agent.Tests.Capabilities.Linting;

/// <summary> and every database message verbatim, in order.</summary>
public sealed class DatabaseLintTests
{
    private static string Db(string body) => File(database: "database:\n" + Indent(body, 2));

    private static string Server(string driver, string tls = "", string extra = "") =>
        Db($"driver: {driver}\nhost: db\nport: 5432\nname: legacy\nuser: app\n{extra}" + (tls.Length > 0 ? "tls: {" + tls + "}\n" : ""));

    private static string Sqlite(string extra = "") => Db("driver: sqlite\npath: data.db\n" + extra);

    public static TheoryData<string, string> Cases() => new()
    {
        { Db("host: db"), "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },
        { Db("driver: Postgres"), "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },
        { Db("driver: mariadb"), "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },
        { Db("driver: ' postgres'"), "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },
        { Db("driver: oracle\nhost: db"), "database.driver oracle is not available in this build" },
        { File(database: ""), "database.driver must be one of postgres, mysql, sqlserver, sqlite, oracle" },

        // sqlite
        { Db("driver: sqlite"), "database.path is required" },
        { Db("driver: sqlite\npath: ''"), "database.path is required" },
        { Sqlite("host: db"), "database.host is not supported for sqlite" },
        { Sqlite("port: 1"), "database.port is not supported for sqlite" },
        { Sqlite("name: n"), "database.name is not supported for sqlite" },
        { Sqlite("user: u"), "database.user is not supported for sqlite" },
        { Sqlite("password: p"), "database.password is not supported for sqlite" },
        { Sqlite("password: p\nhost: h"), "database.host is not supported for sqlite" },
        { Sqlite("user: u\nport: 3"), "database.port is not supported for sqlite" },
        { Sqlite("tls: {mode: disable}"), "database.tls is not supported for sqlite" },
        { Sqlite("tls: {ca_file: ca.pem}"), "database.tls is not supported for sqlite" },
        { Sqlite("tls: {cert_file: c.pem}"), "database.tls is not supported for sqlite" },
        { Sqlite("tls: {key_file: k.pem}"), "database.tls is not supported for sqlite" },
        { Sqlite("tls: {server_name: db}"), "database.tls is not supported for sqlite" },
        { Sqlite("mode: rwc"), "database.mode must be one of rw, ro" },
        { Sqlite("mode: readonly"), "database.mode must be one of rw, ro" },
        { Sqlite("mode: rw\ntls: {mode: require}"), "database.tls is not supported for sqlite" },

        // server engines, in order
        { Server("postgres", extra: "path: x.db\nmode: ro\n"), "database.path is supported only for sqlite" },
        { Server("mysql", extra: "mode: ro\n"), "database.mode is supported only for sqlite" },
        { Db("driver: postgres\nname: n\nuser: u\nport: 1"), "database.host is required" },
        { Db("driver: postgres\nhost: h\nuser: u\nport: 1"), "database.name is required" },
        { Db("driver: sqlserver\nhost: h\nname: n\nport: 1"), "database.user is required" },
        { Db("driver: mysql\nhost: h\nname: n\nuser: u"), "database.port is required" },
        { Db("driver: mysql\nhost: h\nname: n\nuser: u\nport: 0"), "database.port is required" },
        { Db("driver: mysql\nhost: h\nname: n\nuser: u\nport: -1"), "database.port is required" },
        { Db("driver: postgres"), "database.host is required" },

        // TLS, in order
        { Server("postgres", "mode: verify"), "database.tls.mode must be one of disable, require, verify-ca, verify-full" },
        { Server("postgres", "mode: prefer"), "database.tls.mode must be one of disable, require, verify-ca, verify-full" },
        { Server("mysql", "mode: verify-ca"), "database.tls.mode verify-ca is supported only for postgres" },
        { Server("sqlserver", "mode: verify-ca"), "database.tls.mode verify-ca is supported only for postgres" },
        { Server("postgres", "mode: require, cert_file: c.pem"), "database.tls.cert_file and key_file must be set together" },
        { Server("postgres", "mode: require, key_file: k.pem"), "database.tls.cert_file and key_file must be set together" },
        { Server("sqlserver", "mode: require, cert_file: c.pem, key_file: k.pem"), "database.tls client certificates are supported only for postgres and mysql" },
        { Server("postgres", "mode: require, server_name: db"), "database.tls.server_name requires mode verify-full" },
        { Server("postgres", "mode: verify-ca, server_name: db"), "database.tls.server_name requires mode verify-full" },
        { Server("postgres", "server_name: db"), "database.tls.server_name requires mode verify-full" },
        { Server("mysql", "mode: require, ca_file: ca.pem"), "database.tls.ca_file requires mode verify-full or postgres verify-ca" },
        { Server("postgres", "mode: require, ca_file: ca.pem"), "database.tls.ca_file requires mode verify-full or postgres verify-ca" },
        { Server("postgres", "ca_file: ca.pem"), "database.tls.ca_file requires mode verify-full or postgres verify-ca" },
        { Server("postgres", "mode: disable, cert_file: c.pem, key_file: k.pem"), "database.tls certificate fields require an enabled TLS mode" },
        { Server("mysql", "cert_file: c.pem, key_file: k.pem"), "database.tls certificate fields require an enabled TLS mode" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_the_exact_message(string yaml, string expected) => Assert.Equal(expected, LintMessage(yaml));

    public static TheoryData<string, string> AcceptedTls() => new()
    {
        { "postgres", "mode: disable" },
        { "postgres", "mode: ' Require '" },
        { "mysql", "mode: VERIFY-FULL, server_name: db.example, ca_file: ca.pem" },
        { "sqlserver", "mode: verify-full, server_name: db.example" },
        { "sqlserver", "mode: require" },
        { "postgres", "mode: verify-ca" },
        { "postgres", "mode: verify-ca, ca_file: ca.pem" },
        { "postgres", "mode: require, cert_file: c.pem, key_file: k.pem" },
        { "mysql", "mode: verify-full, cert_file: c.pem, key_file: k.pem" },
    };

    [Theory]
    [MemberData(nameof(AcceptedTls))]
    public void Accepts_tls_combination(string driver, string tls)
    {
        var result = Load(Server(driver, tls));
        Assert.True(result.IsValid, result.Error?.Detail);
    }

    [Fact]
    public void Server_settings_are_kept_and_tls_paths_resolved_against_the_configuration_folder()
    {
        var result = Load(Db("driver: postgres\nhost: db\nport: 6432\nname: 'n@m:e'\nuser: u\npassword: \"p w;='\"\ntls: {mode: Verify-Full, ca_file: certs/ca.pem, server_name: db.example}"), "/opt/onprest");
        Assert.True(result.IsValid, result.Error?.Detail);
        var db = result.Configuration.Database;
        Assert.Equal(("db", 6432, "n@m:e", "u", "p w;='"), (db.Host, db.Port, db.Name, db.User, db.Password));
        Assert.Equal(Onprest.Agent.Capabilities.TlsMode.VerifyFull, db.Tls.Mode);
        Assert.Equal(Path.GetFullPath("/opt/onprest/certs/ca.pem"), db.Tls.CaFile);
        Assert.Equal("db.example", db.Tls.ServerName);
    }

    [Theory]
    [InlineData("mode: ' RO '", true)]
    [InlineData("mode: rw", false)]
    [InlineData("mode: ''", false)]
    [InlineData("", false)]
    public void Sqlite_mode_is_trimmed_and_lower_cased(string mode, bool readOnly)
    {
        var result = Load(Sqlite(mode));
        Assert.True(result.IsValid, result.Error?.Detail);
        Assert.Equal(readOnly, result.Configuration.Database.ReadOnly);
    }

    [Fact]
    public void Sqlite_port_zero_and_empty_strings_count_as_not_set()
    {
        Assert.True(Load(Sqlite("port: 0\nhost: ''\npassword: ''\ntls: {mode: ''}")).IsValid);
    }
}
