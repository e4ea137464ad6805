using System.Text;
using Onprest.Contracts.Errors;
using Onprest.Contracts.Tunnel;
using Onprest.Gateway.Tunnel;

namespace Onprest.Gateway.Tests.Tunnel;

public sealed class ChallengeStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_challenge_is_valid_for_exactly_one_minute_and_stores_nothing()
    {
        var store = new ChallengeStore(TimeSpan.FromMinutes(1));
        var challenge = store.Issue(T0);

        Assert.Matches("^[A-Za-z0-9_-]{43}$", challenge);
        Assert.True(store.IsValid(challenge, T0));
        Assert.True(store.IsValid(challenge, T0.AddMinutes(1)));
        Assert.False(store.IsValid(challenge, T0.AddMinutes(1).AddTicks(1)));
        Assert.False(store.IsValid(challenge, T0.AddMilliseconds(-1)));
        Assert.Equal(0, store.UsedCount);
    }

    [Fact]
    public void Any_number_of_later_challenges_leaves_an_earlier_one_valid()
    {
        var store = new ChallengeStore(TimeSpan.FromMinutes(1));
        var first = store.Issue(T0);
        for (var i = 0; i < 100_000; i++)
        {
            store.Issue(T0.AddMilliseconds(i % 1000));
        }

        Assert.True(store.IsValid(first, T0.AddSeconds(2)));
        Assert.Equal(0, store.UsedCount);
    }

    [Fact]
    public void Challenges_of_another_process_or_altered_ones_are_invalid()
    {
        var store = new ChallengeStore(TimeSpan.FromMinutes(1));
        var other = new ChallengeStore(TimeSpan.FromMinutes(1));
        var challenge = store.Issue(T0);

        Assert.False(other.IsValid(challenge, T0));
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(challenge);
        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 1;
            Assert.False(store.IsValid(System.Buffers.Text.Base64Url.EncodeToString(altered), T0));
        }

        Assert.False(store.IsValid("", T0));
        Assert.False(store.IsValid(challenge[..42], T0));
        Assert.False(store.IsValid(challenge + "A", T0));
        Assert.False(store.IsValid(new string('\ud800', 43), T0));
    }

    [Fact]
    public void A_consumed_challenge_is_refused_until_it_expires_and_then_forgotten()
    {
        var store = new ChallengeStore(TimeSpan.FromMinutes(1));
        var a = store.Issue(T0);
        var b = store.Issue(T0.AddSeconds(1));
        store.Consume(a);

        Assert.False(store.IsValid(a, T0.AddSeconds(2)));
        Assert.True(store.IsValid(b, T0.AddSeconds(2)));
        Assert.Equal(1, store.UsedCount);

        Assert.False(store.IsValid(b, T0.AddMinutes(2)));
        Assert.Equal(0, store.UsedCount);
    }
}

public sealed class NonceReplaySetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_nonce_is_remembered_until_its_timestamp_is_more_than_five_minutes_old()
    {
        var set = new NonceReplaySet(TimeSpan.FromMinutes(5));
        set.Add("n", T0);

        Assert.True(set.Contains("n", T0.AddMinutes(5)));
        Assert.False(set.Contains("n", T0.AddMinutes(5).AddTicks(1)));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void A_future_timestamp_is_kept_longer()
    {
        var set = new NonceReplaySet(TimeSpan.FromMinutes(5));
        set.Add("n", T0.AddMinutes(1));

        Assert.True(set.Contains("n", T0.AddMinutes(6)));
    }
}

public sealed class HandshakeReplayGuardTests
{
    [Fact]
    public void Two_hundred_concurrent_consumers_of_one_challenge_admit_exactly_one()
    {
        var guard = new HandshakeReplayGuard(TunnelTimings.Default, TimeProvider.System);
        var challenge = guard.Issue();
        var wins = 0;
        Parallel.For(0, 200, i =>
        {
            if (guard.TryConsume(challenge, "nonce" + i, DateTimeOffset.UtcNow))
            {
                Interlocked.Increment(ref wins);
            }
        });

        Assert.Equal(1, wins);
    }

    [Fact]
    public void Issuing_stores_nothing_and_a_challenge_issued_before_5000_others_is_consumed_once()
    {
        var guard = new HandshakeReplayGuard(TunnelTimings.Default, TimeProvider.System);
        var first = guard.Issue();
        for (var i = 0; i < 5000; i++)
        {
            guard.Issue();
        }

        Assert.Equal(0, guard.UsedChallenges);
        Assert.True(guard.TryConsume(first, "n1", DateTimeOffset.UtcNow));
        Assert.False(guard.TryConsume(first, "n2", DateTimeOffset.UtcNow));
        Assert.Equal(1, guard.UsedChallenges);
    }
}

public sealed class SuccessValidatorTests
{
    [Theory]
    [InlineData("{\"count\":0}", true, 0L)]
    [InlineData("{\"rows\":[],\"count\":0}", true, 0L)]
    [InlineData("{\"count\":9223372036854775807}", true, long.MaxValue)]
    [InlineData("{\"count\":9223372036854775808}", false, 0L)]
    [InlineData("{\"count\":-1}", false, 0L)]
    [InlineData("{\"count\":1.5}", false, 0L)]
    [InlineData("{\"count\":1.0}", false, 0L)]
    [InlineData("{\"count\":1e2}", false, 0L)]
    [InlineData("{\"count\":1E2}", false, 0L)]
    [InlineData("{\"count\":\"1\"}", false, 0L)]
    [InlineData("{\"count\":null}", false, 0L)]
    [InlineData("{\"count\":true}", false, 0L)]
    [InlineData("{\"count\":1,\"count\":2}", false, 0L)]
    [InlineData("{\"rows\":[]}", false, 0L)]
    [InlineData("{\"nested\":{\"count\":1}}", false, 0L)]
    [InlineData("[{\"count\":1}]", false, 0L)]
    [InlineData("1", false, 0L)]
    [InlineData("{", false, 0L)]
    [InlineData("", false, 0L)]
    public void Count_must_be_an_integer_literal_between_zero_and_int64_max(string result, bool valid, long expected)
    {
        Assert.Equal(valid, SuccessValidator.TryReadCount(Encoding.UTF8.GetBytes(result), out var count));
        if (valid)
        {
            Assert.Equal(expected, count);
        }
    }

    [Theory]
    [InlineData("select", "AGENT_INTERNAL_ERROR", "agent internal error")]
    [InlineData("mutation", "AGENT_TRANSACTION_OUTCOME_UNKNOWN", "transaction outcome is unknown")]
    [InlineData(null, "AGENT_TRANSACTION_OUTCOME_UNKNOWN", "transaction outcome is unknown")]
    public void The_failure_depends_on_the_response_kind(string? kind, string code, string message) =>
        Assert.Equal(new PublicError(code, message), SuccessValidator.FailureFor(kind));
}

public sealed class ResponseFrameParseTests
{
    [Fact]
    public void Result_bytes_are_kept_exactly()
    {
        var frame = "{\"id\":\"x\",\"extra\":[1,{\"a\":2}],\"result\":{ \"count\" : 1 , \"n\":1.10 }}"u8;
        var response = ResponseFrame.Parse(frame, out _)!;

        Assert.Equal("x", response.Id);
        Assert.Null(response.Error);
        Assert.Equal("{ \"count\" : 1 , \"n\":1.10 }", Encoding.UTF8.GetString(response.Result!));
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"error\":{\"code\":\"C\",\"message\":\"m\"}}", "C", "m")]
    [InlineData("{\"id\":\"x\",\"error\":{\"code\":\"C\"}}", "C", "")]
    [InlineData("{\"id\":\"x\",\"error\":{\"message\":\"m\"}}", "AGENT_INTERNAL_ERROR", "agent internal error")]
    [InlineData("{\"id\":\"x\",\"error\":\"oops\"}", "AGENT_INTERNAL_ERROR", "agent internal error")]
    [InlineData("{\"id\":\"x\",\"error\":{\"code\":7}}", "AGENT_INTERNAL_ERROR", "agent internal error")]
    [InlineData("{\"id\":\"x\",\"result\":{\"count\":1},\"error\":{\"code\":\"C\",\"message\":\"m\"}}", "C", "m")]
    public void Errors_pass_code_and_message_through(string frame, string code, string message)
    {
        var response = ResponseFrame.Parse(Encoding.UTF8.GetBytes(frame), out _)!;

        Assert.Equal(new PublicError(code, message), response.Error);
        Assert.Null(response.Result);
    }

    [Theory]
    [InlineData("", "agent message is not valid JSON")]
    [InlineData("nope", "agent message is not valid JSON")]
    [InlineData("[]", "agent message is not a JSON object")]
    [InlineData("42", "agent message is not a JSON object")]
    [InlineData("{\"id\":\"x\"", "agent message is not valid JSON")]
    [InlineData("{\"id\":\"x\"} x", "agent message is not valid JSON")]
    public void Unusable_frames_are_described_without_quoting_them(string frame, string error)
    {
        Assert.Null(ResponseFrame.Parse(Encoding.UTF8.GetBytes(frame), out var problem));
        Assert.Equal(error, problem);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_crashing()
    {
        var frame = "{\"id\":\"x\",\"result\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        Assert.Null(ResponseFrame.Parse(Encoding.UTF8.GetBytes(frame), out var problem));
        Assert.Equal("agent message is not valid JSON", problem);
    }

    [Fact]
    public void A_non_string_id_is_treated_as_unknown()
    {
        var response = ResponseFrame.Parse("{\"id\":5,\"result\":{\"count\":1}}"u8, out _)!;
        Assert.Null(response.Id);
    }
}

public sealed class RequestFrameTests
{
    [Fact]
    public void Cancel_frames_have_the_exact_shape() =>
        Assert.Equal("{\"type\":\"cancel\",\"id\":\"01J9Z3Q7K8X2V4T6R8N0M2P4S6\"}", Encoding.UTF8.GetString(CancelFrame.Build("01J9Z3Q7K8X2V4T6R8N0M2P4S6")));

    [Fact]
    public void Request_frames_escape_names_and_keep_params()
    {
        var frame = RequestFrame.TryBuild("id\"1", "cap\n", "{\"a\": [1, 2.50]}"u8.ToArray(), null, null)!;
        Assert.Equal("{\"id\":\"id\\u00221\",\"capability\":\"cap\\n\",\"params\":{\"a\": [1, 2.50]}}", Encoding.UTF8.GetString(frame));
    }
}

public sealed class HandshakeTimestampTests
{
    [Theory]
    [InlineData("2026-09-12T00:00:00Z", 0L)]
    [InlineData("2026-09-12T00:00:00.5Z", 5_000_000L)]
    [InlineData("2026-09-12T00:00:00.123456789Z", 1_234_567L)]
    [InlineData("2026-09-12T02:00:00+02:00", 0L)]
    [InlineData("2026-09-11T22:30:00-01:30", 0L)]
    public void Parses_RFC_3339(string text, long ticksAfter)
    {
        Assert.True(HandshakeTimestamp.TryParse(text, out var value));
        Assert.Equal(new DateTimeOffset(2026, 9, 12, 0, 0, 0, TimeSpan.Zero).AddTicks(ticksAfter), value);
    }

    [Theory]
    [InlineData("2026-09-12T00:00:00")]
    [InlineData("2026-09-12T00:00:00.Z")]
    [InlineData("2026-09-12T00:00:00.1234567890Z")]
    [InlineData("2026-13-12T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2026-09-12T00:00:00+24:00")]
    [InlineData("２０２６-09-12T00:00:00Z")]
    [InlineData(" 2026-09-12T00:00:00Z")]
    [InlineData("2026-09-12T00:00:00Z\n")]
    [InlineData("9999-12-31T23:59:59-23:59")]
    public void Refuses_anything_else(string text) => Assert.False(HandshakeTimestamp.TryParse(text, out _));
}

public sealed class RequestFrameDepthTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(200)]
    public void Deeply_nested_params_are_forwarded_unchanged(int depth)
    {
        var parameters = "{\"a\":" + string.Concat(Enumerable.Repeat("[", depth - 1)) + string.Concat(Enumerable.Repeat("]", depth - 1)) + "}";
        var frame = RequestFrame.TryBuild("id", "cap", Encoding.UTF8.GetBytes(parameters), null, null);

        Assert.NotNull(frame);
        Assert.EndsWith("\"params\":" + parameters + "}", Encoding.UTF8.GetString(frame), StringComparison.Ordinal);
    }
}
