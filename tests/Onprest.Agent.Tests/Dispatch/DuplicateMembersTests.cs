using System.Text.Json;
using Onprest.Agent.Dispatch;

namespace Onprest.Agent.Tests.Dispatch;

public sealed class DuplicateMembersTests
{
    private static bool Exist(string json)
    {
        using var document = JsonDocument.Parse(json);
        return DuplicateMembers.Exist(document.RootElement);
    }

    private static string Object(int members, string? repeated = null) =>
        "{" + string.Join(',', Enumerable.Range(0, members).Select(i => $"\"m{i}\":{i}")) + (repeated is null ? "" : $",\"{repeated}\":0") + "}";

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1,"b":2,"c":3,"b":4}""")]
    [InlineData("""{"a":{"k":1,"k":1}}""")]
    [InlineData("""{"a":[1,{"k":1,"k":1}]}""")]
    [InlineData("""[{"x":1},{"y":{"z":[{"q":1,"q":2}]}}]""")]
    [InlineData("""{"a":1,"\u0061":2}""")]
    [InlineData("""{"\u0061":1,"a":2}""")]
    [InlineData("""{"é":1,"\u00e9":2}""")]
    [InlineData("""{"é":1,"é":2}""")]
    [InlineData("""{"":1,"":2}""")]
    public void Repeated_names_are_found_at_any_depth_escaped_or_not(string json) =>
        Assert.True(Exist(json));

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}""")]
    [InlineData("""{"a":1,"A":2,"a ":3}""")]
    [InlineData("""{"\u0061":1,"b":2}""")]
    [InlineData("""{"ab":1,"a":2,"b":3}""")]
    [InlineData("""[1,"a",null,{"x":{"y":[]}}]""")]
    public void Distinct_names_are_not_duplicates(string json) =>
        Assert.False(Exist(json));

    [Theory]
    [InlineData(DuplicateMembers.PairwiseLimit - 1)]
    [InlineData(DuplicateMembers.PairwiseLimit)]
    [InlineData(DuplicateMembers.PairwiseLimit + 1)]
    [InlineData(200)]
    public void Objects_on_either_side_of_the_pairwise_limit_are_checked_alike(int members)
    {
        Assert.False(Exist(Object(members)));
        Assert.True(Exist(Object(members, "m0")));
        Assert.True(Exist(Object(members, $"m{members - 1}")));
        Assert.False(Exist(Object(members, "other")));
        Assert.True(Exist("{\"outer\":" + Object(members, "m1") + "}"));
    }
}
