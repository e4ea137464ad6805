using System.Net;
using Microsoft.AspNetCore.Http;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Tests.Network;

public sealed class SourceAddressResolverTests
{
    private static readonly IReadOnlyList<IPNetwork> Trusted = [IPNetwork.Parse("10.0.0.0/8")];

    private static string Resolve(string peer, string[]? forwarded = null, string[]? realIp = null, IReadOnlyList<IPNetwork>? trusted = null)
    {
        var headers = new HeaderDictionary();
        if (forwarded is not null)
        {
            headers["X-Forwarded-For"] = forwarded;
        }

        if (realIp is not null)
        {
            headers["X-Real-IP"] = realIp;
        }

        return SourceAddressResolver.Resolve(IPAddress.Parse(peer), headers, trusted ?? Trusted).ToString();
    }

    [Theory]
    [InlineData("10.0.0.5", new[] { "192.0.2.99, 198.51.100.20" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", null, new[] { "198.51.100.21" }, "198.51.100.21")]
    [InlineData("10.0.0.5", new[] { "198.51.100.20" }, new[] { "198.51.100.21" }, "198.51.100.20")]
    [InlineData("203.0.113.10", new[] { "198.51.100.20" }, null, "203.0.113.10")]
    [InlineData("203.0.113.10", null, new[] { "198.51.100.21" }, "203.0.113.10")]
    [InlineData("10.0.0.5", new[] { "198.51.100.20, 10.0.0.7, 10.1.1.1" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "192.0.2.1", "198.51.100.20" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "198.51.100.20, 10.9.9.9", "10.0.0.6" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "198.51.100.20:443, [2001:db8::1], garbage, 192.0.2.7" }, null, "192.0.2.7")]
    [InlineData("10.0.0.5", new[] { "garbage, 198.51.100.20:80" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, 198.51.100.20:5555" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, [2001:db8::7]:443" }, null, "2001:db8::7")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, 10.0.0.9:80" }, null, "203.0.113.66")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, unknown" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, unknown, 10.0.0.9" }, null, "10.0.0.9")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, unknown" }, new[] { "198.51.100.21" }, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, _hidden" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, [2001:db8::7]" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, 198.51.100.20:99999" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, 198.51.100.20:" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66, 2001:db8::7:443" }, null, "2001:db8::7:443")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66," }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "203.0.113.66", "unknown" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "10.0.0.1, 10.0.0.2" }, null, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "10.0.0.1" }, new[] { "198.51.100.21" }, "198.51.100.21")]
    [InlineData("10.0.0.5", null, new[] { "198.51.100.21", "198.51.100.22" }, "10.0.0.5")]
    [InlineData("10.0.0.5", null, new[] { "198.51.100.21, 198.51.100.22" }, "10.0.0.5")]
    [InlineData("10.0.0.5", null, new[] { "not-an-ip" }, "10.0.0.5")]
    [InlineData("10.0.0.5", new[] { "::ffff:198.51.100.20" }, null, "198.51.100.20")]
    [InlineData("::ffff:10.0.0.5", new[] { "198.51.100.20" }, null, "198.51.100.20")]
    [InlineData("10.0.0.5", new[] { "2001:db8::5" }, null, "2001:db8::5")]
    [InlineData("10.0.0.5", new[] { "127.1" }, null, "10.0.0.5")]
    public void Derives_the_source_address(string peer, string[]? forwarded, string[]? realIp, string expected) =>
        Assert.Equal(expected, Resolve(peer, forwarded, realIp));

    [Fact]
    public void Forwarded_headers_are_ignored_when_no_proxy_is_trusted() =>
        Assert.Equal("10.0.0.5", Resolve("10.0.0.5", ["198.51.100.20"], ["198.51.100.21"], []));

    [Fact]
    public void Spoofed_left_entries_cannot_choose_the_address()
    {
        // The client wrote "1.2.3.4" itself; the trusted proxy appended the real client address.
        Assert.Equal("198.51.100.20", Resolve("10.0.0.5", ["1.2.3.4, 198.51.100.20"]));
    }

    [Fact]
    public void A_huge_forwarded_header_is_bounded_work()
    {
        var header = string.Join(", ", Enumerable.Repeat("10.0.0.1", 100_000)) + ", 198.51.100.20";
        Assert.Equal("198.51.100.20", Resolve("10.0.0.5", [header]));
        Assert.Equal("10.0.0.5", Resolve("10.0.0.5", ["198.51.100.20, " + string.Join(", ", Enumerable.Repeat("10.0.0.1", 100_000))]));
    }

    [Fact]
    public void Mapped_and_zoned_peers_are_normalized()
    {
        Assert.Equal("203.0.113.10", SourceAddressResolver.Resolve(IPAddress.Parse("::ffff:203.0.113.10"), new HeaderDictionary(), []).ToString());
        Assert.Equal("fe80::1", SourceAddressResolver.Resolve(IPAddress.Parse("fe80::1%3"), new HeaderDictionary(), []).ToString());
    }
}
