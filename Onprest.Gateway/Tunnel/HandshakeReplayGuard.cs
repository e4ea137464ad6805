using System.Buffers.Text;
using System.Security.Cryptography;

namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The challenge store and the nonce replay set behind one lock, so that tunnel.md §4.3 step 5 is atomic:
/// the challenge must be valid and the nonce unseen, then both are consumed together.
/// </summary>
internal sealed class HandshakeReplayGuard
{
    private readonly Lock _gate = new();
    private readonly ChallengeStore _challenges;
    private readonly NonceReplaySet _nonces;
    private readonly TimeProvider _time;

    public HandshakeReplayGuard(TunnelTimings timings, TimeProvider time)
    {
        _challenges = new ChallengeStore(timings.ChallengeLifetime);
        _nonces = new NonceReplaySet(timings.NonceMemory);
        _time = time;
    }

    public int OutstandingChallenges
    {
        get
        {
            lock (_gate)
            {
                return _challenges.Count;
            }
        }
    }

    /// <summary>32 bytes from the cryptographic RNG, unpadded base64url (43 characters).</summary>
    public string Issue()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var challenge = Base64Url.EncodeToString(random);
        lock (_gate)
        {
            _challenges.Add(challenge, _time.GetUtcNow());
        }

        return challenge;
    }

    /// <summary>
    /// A replayed nonce leaves a still-valid challenge in place (the same challenge may then succeed with a fresh
    /// nonce); a missing or expired challenge fails.
    /// </summary>
    public bool TryConsume(string challenge, string nonce, DateTimeOffset nonceTimestamp)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_challenges.IsValid(challenge, now) || _nonces.Contains(nonce, now))
            {
                return false;
            }

            _challenges.Remove(challenge);
            _nonces.Add(nonce, nonceTimestamp);
            return true;
        }
    }
}
