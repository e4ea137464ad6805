using System.Net;
using Onprest.Gateway.Network;

namespace Onprest.Gateway.Tests.Network;

public sealed class IpBlockTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1/32")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("10.0.0.5/8", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::ff/64", "2001:db8::/64")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1/32")]
    [InlineData("::ffff:10.0.0.0/104", "10.0.0.0/8")]
    [InlineData("::/0", "::/0")]
    public void Parses_blocks(string entry, string expected)
    {
        Assert.True(IpBlock.TryParse(entry, out var block));
        Assert.Equal(IPNetwork.Parse(expected), block);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.01")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.1 ")]
    [InlineData("fe80::1%1")]
    [InlineData("[::1]")]
    [InlineData("::1/1000")]
    [InlineData("１０.0.0.1")]
    public void Rejects_entries(string entry) => Assert.False(IpBlock.TryParse(entry, out _));

    [Fact]
    public void Ipv4_block_does_not_contain_ipv6_addresses()
    {
        Assert.True(IpBlock.TryParse("0.0.0.0/0", out var all4));
        Assert.False(all4.Contains(IPAddress.Parse("2001:db8::1")));
    }
}
