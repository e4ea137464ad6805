using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Onprest.Gateway.Auth;

/// <summary>Compares SHA-256 digests in constant time, so cache lookups leak nothing about stored digests.</summary>
internal sealed class DigestComparer : IEqualityComparer<byte[]>
{
    public static DigestComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) =>
        x is not null && y is not null && CryptographicOperations.FixedTimeEquals(x, y);

    public int GetHashCode(byte[] obj) => BinaryPrimitives.ReadInt32LittleEndian(obj);
}
