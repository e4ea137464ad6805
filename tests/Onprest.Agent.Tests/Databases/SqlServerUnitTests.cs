using Microsoft.Data.SqlClient;
using Onprest.Agent.Capabilities;
using Onprest.Agent.Databases;
using Onprest.Agent.Databases.SqlServer;

namespace Onprest.Agent.Tests.Databases;

/// <summary>SQL Server pieces that run without a server (the engine suite needs Docker for the rest).</summary>
public sealed class SqlServerUnitTests
{
    private static DatabaseSettings Settings(TlsSettings tls) => new()
    {
        Driver = DatabaseDriver.SqlServer,
        Host = "db.internal",
        Port = 1433,
        Name = "sales; Initial Catalog=master",
        User = "app'user",
        Password = "p@ss;word=\"x\"",
        Tls = tls,
    };

    [Fact]
    public void Disable_requests_no_encryption()
    {
        var builder = new SqlConnectionStringBuilder();
        SqlServerEngine.ApplyTls(builder, Settings(new TlsSettings()));
        Assert.Equal(SqlConnectionEncryptOption.Optional, builder.Encrypt);
        Assert.False(builder.TrustServerCertificate);
    }

    [Fact]
    public void Require_is_mandatory_encryption_trusting_the_certificate()
    {
        var builder = new SqlConnectionStringBuilder();
        SqlServerEngine.ApplyTls(builder, Settings(new TlsSettings { Mode = TlsMode.Require }));
        Assert.Equal(SqlConnectionEncryptOption.Mandatory, builder.Encrypt);
        Assert.True(builder.TrustServerCertificate);
    }

    [Theory]
    [InlineData("", "db.internal")]
    [InlineData("sql.example.com", "sql.example.com")]
    public void Verify_full_validates_chain_and_name(string serverName, string expectedName)
    {
        var builder = new SqlConnectionStringBuilder();
        SqlServerEngine.ApplyTls(builder, Settings(new TlsSettings { Mode = TlsMode.VerifyFull, ServerName = serverName }));
        Assert.Equal(SqlConnectionEncryptOption.Mandatory, builder.Encrypt);
        Assert.False(builder.TrustServerCertificate);
        Assert.Equal(expectedName, builder.HostNameInCertificate);
    }

    [Fact]
    public async Task Credentials_with_separators_stay_structured_values()
    {
        await using var engine = DatabaseEngineFactory.Create(Settings(new TlsSettings()), 4);
        var connectionString = engine.RedactionTexts[0];
        var parsed = new SqlConnectionStringBuilder(connectionString);
        Assert.Equal("sales; Initial Catalog=master", parsed.InitialCatalog);
        Assert.Equal("app'user", parsed.UserID);
        Assert.Equal("p@ss;word=\"x\"", parsed.Password);
        Assert.Equal("tcp:db.internal,1433", parsed.DataSource);
        Assert.Equal(5, parsed.MaxPoolSize);
    }

    public static TheoryData<object, SourceCategory> Variants() => new()
    {
        { (byte)1, SourceCategory.SignedInteger },
        { (short)1, SourceCategory.SignedInteger },
        { 1, SourceCategory.SignedInteger },
        { 1L, SourceCategory.SignedInteger },
        { 1.5f, SourceCategory.FloatingPoint },
        { 1.5, SourceCategory.FloatingPoint },
        { 1.50m, SourceCategory.ExactDecimal },
        { true, SourceCategory.Boolean },
        { "x", SourceCategory.Text },
        { new byte[] { 1 }, SourceCategory.Binary },
        { new DateTime(2026, 5, 4, 12, 0, 0), SourceCategory.DateTime },
        { new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2)), SourceCategory.DateTime },
        { TimeSpan.FromHours(12), SourceCategory.DateTime },
        { Guid.Empty, SourceCategory.Uuid },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Sql_variant_is_classified_by_its_base_type(object value, SourceCategory expected)
    {
        Assert.Equal(expected, SqlServerValueReader.FromVariant(value).Category);
    }

    [Fact]
    public void Variant_values_keep_their_forms()
    {
        Assert.Equal("1.50", SqlServerValueReader.FromVariant(1.50m).Text);
        Assert.Equal(1.1, SqlServerValueReader.FromVariant(1.1f).Float);
        Assert.Equal("2026-05-04T12:00:00+02:00", SqlServerValueReader.FromVariant(new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2))).Text);
        Assert.Equal("12:00:00", SqlServerValueReader.FromVariant(TimeSpan.FromHours(12)).Text);
    }
}
