using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// Challenges the gateway can check without having stored them, so that no volume of unauthenticated challenge
/// requests can push out the one an agent is about to use. A challenge is 32 bytes, unpadded base64url (43
/// characters, as before): the issue time (Unix milliseconds, 8 bytes), 8 random bytes, and the first 16 bytes of
/// HMAC-SHA256 over those 16 bytes under a random key made when the process starts (a restart invalidates every
/// challenge). It is valid for the lifetime after its issue time. Single use is enforced only for challenges that a
/// correctly signed handshake consumed: those are remembered until they expire, and only the agent's key can add
/// one, so the memory stays small whatever the request volume. Not thread-safe for consumption:
/// <see cref="HandshakeReplayGuard"/> owns the lock; <see cref="Issue"/> needs none.
/// </summary>
internal sealed class ChallengeStore
{
    private const int TimeBytes = 8;
    private const int RandomBytes = 8;
    private const int MacBytes = 16;
    private const int ChallengeBytes = TimeBytes + RandomBytes + MacBytes;

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _usedExpiry = new();
    private readonly TimeSpan _lifetime;

    public ChallengeStore(TimeSpan lifetime) => _lifetime = lifetime;

    /// <summary>Consumed challenges still remembered (each one the result of a verified handshake).</summary>
    public int UsedCount => _used.Count;

    /// <summary>A new challenge issued at <paramref name="now"/>; thread-safe and stores nothing.</summary>
    public string Issue(DateTimeOffset now)
    {
        Span<byte> challenge = stackalloc byte[ChallengeBytes];
        BinaryPrimitives.WriteInt64BigEndian(challenge, now.ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(challenge.Slice(TimeBytes, RandomBytes));
        Mac(challenge[..(TimeBytes + RandomBytes)], challenge[(TimeBytes + RandomBytes)..]);
        return Base64Url.EncodeToString(challenge);
    }

    /// <summary>True when this process issued the challenge at most the lifetime ago and no verified handshake used it.</summary>
    public bool IsValid(string challenge, DateTimeOffset now)
    {
        Purge(now);
        return TryReadIssueTime(challenge, out var issuedAt)
            && now >= issuedAt && now - issuedAt <= _lifetime
            && !_used.ContainsKey(challenge);
    }

    /// <summary>Marks a valid challenge as used; call only after the handshake's signature verified.</summary>
    public void Consume(string challenge)
    {
        if (TryReadIssueTime(challenge, out var issuedAt) && _used.TryAdd(challenge, issuedAt))
        {
            _usedExpiry.Enqueue(challenge, issuedAt);
        }
    }

    private void Purge(DateTimeOffset now)
    {
        while (_usedExpiry.TryPeek(out var challenge, out var issuedAt) && now - issuedAt > _lifetime)
        {
            _usedExpiry.Dequeue();
            _used.Remove(challenge);
        }
    }

    private bool TryReadIssueTime(string challenge, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        Span<byte> bytes = stackalloc byte[ChallengeBytes];
        if (challenge.Length != Base64Url.GetEncodedLength(ChallengeBytes)
            || Base64Url.DecodeFromChars(challenge, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != challenge.Length || written != ChallengeBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes[..(TimeBytes + RandomBytes)], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[(TimeBytes + RandomBytes)..]))
        {
            return false;
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    private void Mac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, data, full);
        full[..MacBytes].CopyTo(destination);
    }
}
