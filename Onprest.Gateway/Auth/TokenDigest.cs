using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Onprest.Gateway.Auth;

/// <summary>
/// The SHA-256 digest of a token's UTF-8 bytes, held as four <see cref="ulong"/>s so that the authentication cache
/// can key a dictionary by value without a byte array per lookup (docs/gateway.md: the plaintext is never
/// stored, only this digest).
/// </summary>
public readonly struct TokenDigest : IEquatable<TokenDigest>
{
    /// <summary>Tokens up to this many UTF-8 bytes are encoded on the stack; real keys are far shorter.</summary>
    internal const int MaxStackTokenBytes = 512;

    private const int Sha256Bytes = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Wraps a 32-byte SHA-256 value.</summary>
    /// <exception cref="ArgumentException">The value is not 32 bytes long.</exception>
    public TokenDigest(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != Sha256Bytes)
        {
            throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(sha256));
        }

        _a = BinaryPrimitives.ReadUInt64LittleEndian(sha256);
        _b = BinaryPrimitives.ReadUInt64LittleEndian(sha256[8..]);
        _c = BinaryPrimitives.ReadUInt64LittleEndian(sha256[16..]);
        _d = BinaryPrimitives.ReadUInt64LittleEndian(sha256[24..]);
    }

    /// <summary>
    /// Hashes the token's UTF-8 bytes (invalid UTF-16 replaced by U+FFFD, as <see cref="Encoding.UTF8"/> always
    /// did here) without allocating: the bytes live on the stack, or in a pooled buffer for an over-long token,
    /// and are wiped before returning so the plaintext does not linger in either.
    /// </summary>
    public static TokenDigest Of(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetByteCount(token);
        byte[]? rented = null;
        var utf8 = length <= MaxStackTokenBytes ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encoding.UTF8.GetBytes(token, utf8);
            Span<byte> hash = stackalloc byte[Sha256Bytes];
            SHA256.HashData(utf8, hash);
            return new TokenDigest(hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static bool operator ==(TokenDigest left, TokenDigest right) => left.Equals(right);

    public static bool operator !=(TokenDigest left, TokenDigest right) => !left.Equals(right);

    /// <summary>
    /// Branch-free over all 32 bytes, so a probe takes the same time whichever byte differs: as cheap as an
    /// early-out comparison, and it keeps the constant-time property the byte-array comparer had.
    /// </summary>
    public bool Equals(TokenDigest other) =>
        ((_a ^ other._a) | (_b ^ other._b) | (_c ^ other._c) | (_d ^ other._d)) == 0;

    public override bool Equals(object? obj) => obj is TokenDigest other && Equals(other);

    /// <summary>A SHA-256 value is already uniformly spread; its first word is a good hash code.</summary>
    public override int GetHashCode() => (int)_a;
}
