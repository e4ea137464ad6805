namespace Onprest.Gateway.Tunnel;

/// <summary>
/// The challenge store and the nonce replay set behind one lock, so that docs/tunnel-protocol.md step 5 is atomic:
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

    public int UsedChallenges
    {
        get
        {
            lock (_gate)
            {
                return _challenges.UsedCount;
            }
        }
    }

    /// <summary>A challenge the store can verify later without keeping it (43 base64url characters).</summary>
    public string Issue() => _challenges.Issue(_time.GetUtcNow());

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

            _challenges.Consume(challenge);
            _nonces.Add(nonce, nonceTimestamp);
            return true;
        }
    }
}
