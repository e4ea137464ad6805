using Onprest.Agent.Capabilities;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

/// <summary>docs/agent-params.md <c>format</c> tables, asserted through the public constraint check.</summary>
public sealed class StringFormatTests
{
    private static string? Check(StringFormat format, string value) =>
        ParamValues.CheckConstraints(Specs.String() with { Format = format }, value, checkEnum: true);

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("\"Lovelace, Ada\" <ada@example.com>")]
    [InlineData("<ada@example.com>")]
    [InlineData("Ada<ada@example.com>")]
    [InlineData("John Q. Public <jqp@example.com>")]
    [InlineData("first.last+tag@example.co.uk")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@example.com")]
    [InlineData("\"john doe\"@example.com")]
    [InlineData("\"a\\\"b\"@example.com")]
    [InlineData("\"a@b\"@example.com")]
    [InlineData("user@[192.168.0.1]")]
    [InlineData("user@[IPv6:2001:db8::1]")]
    [InlineData("user@localhost")]
    [InlineData("用户@例子.广告")]
    [InlineData("Ünïcødé Nämé <ü@example.com>")]
    [InlineData("\"\" <ada@example.com>")]
    [InlineData("Ada \"The Countess\" Lovelace <ada@example.com>")]
    [InlineData("\"a>b\"@example.com")]
    [InlineData("X <\"a>b\"@example.com>")]
    [InlineData("\"a<b\" <x@example.com>")]
    [InlineData("Ada\t<ada@example.com>")]
    public void Email_accepts_one_mailbox(string value) => Assert.Null(Check(StringFormat.Email, value));

    [Theory]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@@example.com")]
    [InlineData(" ada@example.com")]
    [InlineData("ada@example.com ")]
    [InlineData("ada@example.com\n")]
    [InlineData("\tAda <ada@example.com>")]
    [InlineData(".ada@example.com")]
    [InlineData("ada.@example.com")]
    [InlineData("a..da@example.com")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@example.com.")]
    [InlineData("ada@example..com")]
    [InlineData("ada@exa mple.com")]
    [InlineData("a da@example.com")]
    [InlineData("ada@example.com (Ada)")]
    [InlineData("(comment)ada@example.com")]
    [InlineData("Ada (x) <ada@example.com>")]
    [InlineData("ada@example.com, bob@example.com")]
    [InlineData("Ada <ada@example.com>, Bob <bob@example.com>")]
    [InlineData("Friends: ada@example.com;")]
    [InlineData("Friends:;")]
    [InlineData("Ada <ada@example.com")]
    [InlineData("Ada ada@example.com>")]
    [InlineData("Ada <ada@example.com> x")]
    [InlineData("Ada <>")]
    [InlineData("Ada < ada@example.com>")]
    [InlineData("Ada <ada@example.com >")]
    [InlineData("Lovelace, Ada <ada@example.com>")]
    [InlineData(". <ada@example.com>")]
    [InlineData("\"\"@example.com")]
    [InlineData("\"unterminated@example.com")]
    [InlineData("\"a\"b@example.com")]
    [InlineData("ada@[1.2.3.4")]
    [InlineData("ada@[1.2[3].4]")]
    [InlineData("ada@[1.2.3.4]x")]
    [InlineData("ada\u0000@example.com")]
    [InlineData("\"a\rb\"@example.com")]
    [InlineData("<<ada@example.com>>")]
    [InlineData("ada@example.com>")]
    public void Email_rejects_everything_else(string value) => Assert.Equal("must be email", Check(StringFormat.Email, value));

    [Theory]
    [InlineData("123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("123E4567-E89B-12D3-A456-426614174000")]
    [InlineData("00000000-0000-1000-8000-000000000000")]
    [InlineData("ffffffff-ffff-5fff-bfff-ffffffffffff")]
    [InlineData("00000000-0000-4000-9000-000000000000")]
    [InlineData("00000000-0000-4000-a000-000000000000")]
    [InlineData("00000000-0000-4000-B000-000000000000")]
    public void Uuid_accepts_versions_1_to_5_of_the_rfc_4122_variant(string value) => Assert.Null(Check(StringFormat.Uuid, value));

    [Theory]
    [InlineData("")]
    [InlineData("00000000-0000-0000-8000-000000000000")] // version 0 (the nil UUID)
    [InlineData("00000000-0000-6000-8000-000000000000")]
    [InlineData("00000000-0000-7000-8000-000000000000")]
    [InlineData("00000000-0000-8000-8000-000000000000")]
    [InlineData("00000000-0000-4000-7000-000000000000")] // NCS variant
    [InlineData("00000000-0000-4000-c000-000000000000")] // Microsoft variant
    [InlineData("{123e4567-e89b-12d3-a456-426614174000}")]
    [InlineData("123e4567e89b12d3a456426614174000")]
    [InlineData("123e4567-e89b-12d3-a456-42661417400")]
    [InlineData("123e4567-e89b-12d3-a456-4266141740000")]
    [InlineData(" 123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("123e4567-e89b-12d3-a456_426614174000")]
    [InlineData("g23e4567-e89b-12d3-a456-426614174000")]
    [InlineData("１23e4567-e89b-12d3-a456-426614174000")]
    public void Uuid_rejects_everything_else(string value) => Assert.Equal("must be uuid", Check(StringFormat.Uuid, value));

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2000-02-29")]
    [InlineData("2026-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2026-04-30")]
    public void Date_accepts_real_dates(string value) => Assert.Null(Check(StringFormat.Date, value));

    [Theory]
    [InlineData("2026-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2026-99-99")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-00")]
    [InlineData("2026-04-31")]
    [InlineData("2026-13-01")]
    [InlineData("2026-1-01")]
    [InlineData("26-01-01")]
    [InlineData("+2026-01-01")]
    [InlineData("2026/01/01")]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01 ")]
    [InlineData("２０２６-01-01")]
    [InlineData("")]
    public void Date_rejects_everything_else(string value) => Assert.Equal("must be date", Check(StringFormat.Date, value));

    [Theory]
    [InlineData("2026-05-04T12:00:00Z")]
    [InlineData("2026-05-04T23:59:59Z")]
    [InlineData("2026-05-04T12:00:00.5Z")]
    [InlineData("2026-05-04T12:00:00.123456789Z")]
    [InlineData("2026-05-04T12:00:00+02:00")]
    [InlineData("2026-05-04T12:00:00-23:59")]
    [InlineData("2026-05-04T12:00:00.1-00:00")]
    [InlineData("2026-05-04T12:00:00.000000000+00:00")]
    [InlineData("0000-02-29T00:00:00Z")]
    [InlineData("2024-02-29T00:00:00Z")]
    public void Date_time_accepts_rfc_3339(string value) => Assert.Null(Check(StringFormat.DateTime, value));

    [Theory]
    [InlineData("2026-05-04t12:00:00Z")]
    [InlineData("2026-05-04T12:00:00z")]
    [InlineData("2026-05-04 12:00:00Z")]
    [InlineData("2026-05-04T12:00:00")]
    [InlineData("2026-05-04T24:00:00Z")]
    [InlineData("2026-05-04T12:60:00Z")]
    [InlineData("2026-05-04T12:00:60Z")]
    [InlineData("2026-05-04T12:00:00.Z")]
    [InlineData("2026-05-04T12:00:00.1234567890Z")]
    [InlineData("2026-05-04T12:00:00+24:00")]
    [InlineData("2026-05-04T12:00:00+02:60")]
    [InlineData("2026-05-04T12:00:00+0200")]
    [InlineData("2026-05-04T12:00:00+02")]
    [InlineData("2026-05-04T12:00Z")]
    [InlineData("2026-02-29T12:00:00Z")]
    [InlineData("2026-05-04T12:00:00ZZ")]
    [InlineData("2026-05-04T12:00:00Z ")]
    [InlineData("2026-05-04")]
    [InlineData("")]
    public void Date_time_rejects_everything_else(string value) => Assert.Equal("must be date-time", Check(StringFormat.DateTime, value));

    [Theory]
    [InlineData("https://example.com/x")]
    [InlineData("mailto:ada@example.com")]
    [InlineData("urn:isbn:0451450523")]
    [InlineData("http://[::1]")]
    [InlineData("http://[::1]:8080/path")]
    [InlineData("http://user:pa%20ss@example.com:443/a%2Fb?q=%zz#frag%41")]
    [InlineData("http://example.com:/x")]
    [InlineData("ftp://example.com")]
    [InlineData("a+b-c.d:rest")]
    [InlineData("http:")]
    [InlineData("http:/only/path")]
    [InlineData("HTTP://EXAMPLE.COM")]
    [InlineData("https://例子.广告/路径")]
    [InlineData("mailto:%zz")]                  // an opaque part after a scheme is not checked
    [InlineData("a:b%")]
    [InlineData("http://us/er@example.com/")]   // the authority ends at "/": the "@" is in the path
    [InlineData("https://example.com/with space")]
    [InlineData("https://example.com?x=1#y")]
    [InlineData("http://[fe80::1%25en0]/")]    // zone identifier, percent-encoded
    [InlineData("http://u:p@[::1]:8080")]
    [InlineData("http:///no-host")]
    public void Uri_accepts_uris_with_a_scheme(string value) => Assert.Null(Check(StringFormat.Uri, value));

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("/relative/path")]
    [InlineData("//example.com/x")]
    [InlineData("//exa mple.com")]              // authority rules apply only after a scheme
    [InlineData("relative?x=1")]
    [InlineData("#fragment")]
    [InlineData("a/b:c")]
    [InlineData("./x:y")]
    [InlineData("relative?x=a:b")]              // the query is cut off before the first-segment rule
    [InlineData("rel#a:b")]
    public void Uri_without_a_scheme_must_include_one(string value) => Assert.Equal("must include URI scheme", Check(StringFormat.Uri, value));

    [Theory]
    [InlineData("http://[::1")]
    [InlineData(":foo")]
    [InlineData("://example.com")]
    [InlineData("http://exa mple.com")]
    [InlineData("http://example.com\n")]
    [InlineData("http://exa\u007fmple.com")]
    [InlineData("http://ex{ample.com")]
    [InlineData("http://ex}ample.com")]
    [InlineData("http://ex|ample.com")]
    [InlineData("http://ex\\ample.com")]
    [InlineData("http://ex^ample.com")]
    [InlineData("http://ex`ample.com")]
    [InlineData("http://example.com:80a")]
    [InlineData("http://example.com:-1")]
    [InlineData("http://[::1]x")]
    [InlineData("http://[::1]:x")]
    [InlineData("http://us er@example.com")]
    [InlineData("http://us%zzer@example.com")]
    [InlineData("http://a@b@example.com")]
    [InlineData("http://ex%zzample.com")]
    [InlineData("http://[fe80::1%en0]/")]
    [InlineData("http://example.com/a%zz")]
    [InlineData("http://example.com/a%2")]
    [InlineData("http://example.com/#x%g0")]
    [InlineData("rel%zz")]
    [InlineData("1ab:c")]                      // no scheme, and a colon in the first segment
    [InlineData("1http://example.com")]
    [InlineData("a b:c")]
    public void Uri_rejects_invalid_references(string value) => Assert.Equal("must be uri", Check(StringFormat.Uri, value));

    [Fact]
    public void Format_none_accepts_anything() =>
        Assert.Null(Check(StringFormat.None, "\u0000 anything"));

    [Fact]
    public void Hostile_long_values_are_handled()
    {
        var longLocal = new string('a', 1_000_000) + "@example.com";
        Assert.Null(Check(StringFormat.Email, longLocal));
        Assert.Equal("must be email", Check(StringFormat.Email, new string('.', 1_000_000)));
        Assert.Equal("must be uri", Check(StringFormat.Uri, "http://" + new string('%', 100_000)));
        Assert.Equal("must be date-time", Check(StringFormat.DateTime, "2026-05-04T12:00:00." + new string('1', 100_000) + "Z"));
    }
}
