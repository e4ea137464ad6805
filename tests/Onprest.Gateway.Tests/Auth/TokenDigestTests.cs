using System.Security.Cryptography;
using System.Text;
using Onprest.Gateway.Auth;

namespace Onprest.Gateway.Tests.Auth;

public sealed class TokenDigestTests
{
    public static TheoryData<string> Tokens() => new()
    {
        "",
        "all-key-plaintext-0123456789abcdefghijklmno",
        "clé-ünïcödé-🔑",
        "lone\ud800surrogate",
        new string('x', TokenDigest.MaxStackTokenBytes),
        new string('x', TokenDigest.MaxStackTokenBytes + 1),
        new string('é', 3000),
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void Is_the_sha256_of_the_utf8_bytes_on_the_stack_and_pooled_paths(string token) =>
        Assert.Equal(new TokenDigest(SHA256.HashData(Encoding.UTF8.GetBytes(token))), TokenDigest.Of(token));

    [Fact]
    public void Every_byte_takes_part_in_equality()
    {
        var bytes = SHA256.HashData("a"u8);
        var digest = new TokenDigest(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = bytes.ToArray();
            changed[i] ^= 1;
            Assert.NotEqual(digest, new TokenDigest(changed));
            Assert.True(digest != new TokenDigest(changed));
        }

        Assert.True(digest == new TokenDigest(bytes.ToArray()));
        Assert.Equal(digest.GetHashCode(), new TokenDigest(bytes.ToArray()).GetHashCode());
        Assert.False(digest.Equals((object)bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Only_a_32_byte_value_is_a_digest(int length) =>
        Assert.Throws<ArgumentException>(() => new TokenDigest(new byte[length]));
}
