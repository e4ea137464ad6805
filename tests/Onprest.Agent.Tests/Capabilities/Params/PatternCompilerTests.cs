using System.Diagnostics;
using Onprest.Agent.Capabilities.Params;

namespace Onprest.Agent.Tests.Capabilities.Params;

public sealed class PatternCompilerTests
{
    [Theory]
    [InlineData(@"(a)\1")]            // backreference
    [InlineData(@"(?<n>a)\k<n>")]     // named backreference
    [InlineData(@"(?=a)")]            // lookahead
    [InlineData(@"(?!a)b")]           // negative lookahead
    [InlineData(@"(?<=a)b")]          // lookbehind
    [InlineData(@"(?<!a)b")]          // negative lookbehind
    [InlineData(@"(?>a+)")]           // atomic group
    [InlineData(@"(?(a)b|c)")]        // conditional
    [InlineData(@"(?<a>x)(?<b-a>y)")] // balancing group
    [InlineData(@"\G")]
    [InlineData(@"abc\Z")]
    [InlineData(@"[\Z]")]
    [InlineData(@"[[:alpha:]]")]
    [InlineData(@"[a[:digit:]]")]
    [InlineData(@"[^[:space:]]+")]
    [InlineData(@"a{1001}")]
    [InlineData(@"a{0,1001}")]
    [InlineData(@"a{1001,}")]
    [InlineData(@"a{1,99999999999999999999}")]
    [InlineData(@"a{00000001001}")]
    [InlineData(@"(a{1000}){1000}")]  // engine size limit
    [InlineData(@"(")]
    [InlineData(@"[a")]
    [InlineData(@"a)")]
    [InlineData(@"*a")]
    [InlineData(@"a\")]
    [InlineData(@"[a-\d]")]
    [InlineData(@"[z-a]")]
    [InlineData(@"\p{NoSuchCategory}")]
    public void Rejects_patterns_breaking_the_rules(string pattern)
    {
        Assert.False(PatternCompiler.TryCompile(pattern, out var regex));
        Assert.Null(regex);
    }

    [Theory]
    [InlineData(@"^[a-z]+$")]
    [InlineData(@"a{1000}")]
    [InlineData(@"a{0,1000}")]
    [InlineData(@"a{1000,}")]
    [InlineData(@"a{,5000}")]         // not a quantifier in .NET: literal braces
    [InlineData(@"\{5000\}")]
    [InlineData(@"[{5000}]")]
    [InlineData(@"(?x) a  # {5000} \Z [[:alpha:]] comment" + "\n b")]
    [InlineData(@"(?#{5000} \Z)a")]
    [InlineData(@"[:alpha:]")]        // a plain class of ':', 'a', 'l', 'p', 'h'
    [InlineData(@"[[:]")]
    [InlineData(@"(?i)(?m)(?s)(?x)a")]
    [InlineData(@"(?ims-x:a)")]
    [InlineData(@"(?<name>a)|(?'other'b)|(?:c)")]
    [InlineData(@"[a-z-[aeiou]]")]
    [InlineData(@"\p{Lu}\P{Ll}")]
    [InlineData(@"\$\^\.\\")]
    [InlineData("")]
    public void Accepts_valid_patterns(string pattern)
    {
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        Assert.NotNull(regex);
    }

    [Fact]
    public void Length_limit_is_4096_characters()
    {
        Assert.True(PatternCompiler.TryCompile(new string('a', 4096), out _));
        Assert.False(PatternCompiler.TryCompile(new string('a', 4097), out _));
    }

    [Theory]
    [InlineData("abc", "xxabcxx", true)]     // unanchored search
    [InlineData("^abc", "xxabc", false)]
    [InlineData("abc$", "abc\n", false)]     // $ never before a trailing line feed
    [InlineData("abc$", "abc", true)]
    [InlineData("(?m)abc$", "abc\nx", false)] // $ is end of value also under (?m)
    [InlineData("(?m)^x", "abc\nx", true)]    // ^ keeps its (?m) meaning
    [InlineData("^a$|^b$", "b", true)]
    [InlineData("[$]", "a$b", true)]          // $ in a class is literal
    [InlineData(@"\$", "a$b", true)]
    [InlineData(@"^\d+$", "0123456789", true)]
    [InlineData(@"^\d+$", "١٢٣", false)]      // Arabic-Indic digits are not \d
    [InlineData(@"^\d+$", "１２", false)]      // full-width digits
    [InlineData(@"^\w+$", "abc_XYZ_09", true)]
    [InlineData(@"^\w+$", "é", false)]
    [InlineData(@"^\w+$", "日本", false)]
    [InlineData(@"(?i)^\w$", "\u212A", false)] // Kelvin sign is not an ASCII word character
    [InlineData(@"(?i)^\w$", "K", true)]
    [InlineData(@"^\s$", "\u00A0", false)]    // no-break space is not \s
    [InlineData(@"^\s$", "\v", false)]        // vertical tab is not in [\t\n\f\r ]
    [InlineData(@"^\s+$", "\t\n\f\r ", true)]
    [InlineData(@"^\D$", "é", true)]
    [InlineData(@"^\D$", "5", false)]
    [InlineData(@"^\W$", "é", true)]
    [InlineData(@"^\W$", "_", false)]
    [InlineData(@"^\S$", "\u00A0", true)]
    [InlineData(@"^\S$", " ", false)]
    [InlineData(@"^[\d]$", "٣", false)]
    [InlineData(@"^[\d]$", "3", true)]
    [InlineData(@"^[^\d]$", "٣", true)]
    [InlineData(@"^[\w.]+$", "a.b", true)]
    [InlineData(@"^[\D]$", "3", false)]
    [InlineData(@"^[\d-z]$", "-", true)]      // hyphen after a class escape stays literal
    [InlineData(@"^[\w-z]$", "`", false)]     // ...and forms no range with the expansion
    [InlineData(@"^[\w-]$", "-", true)]
    [InlineData(@"^[\d-[5]]$", "5", false)]   // subtraction after a class escape
    [InlineData(@"^[\d-[5]]$", "4", true)]
    [InlineData(@"^[a-z-[aeiou]]$", "e", false)]
    [InlineData(@"^[]a]$", "]", true)]
    [InlineData(@"^.$", "😀", false)]          // matching is on UTF-16 units
    [InlineData(@"^..$", "😀", true)]
    [InlineData("(?i)^abc$", "ABC", true)]
    [InlineData("(?s)^a.b$", "a\nb", true)]
    [InlineData("^a.b$", "a\nb", false)]
    [InlineData("(?x)^ a b c $", "abc", true)]
    [InlineData("(?x)^a#[ comment\nb$", "ab", true)]
    [InlineData("(?x:a b)$", "ab", true)]
    [InlineData("(?x: a )b $", "ab", false)]   // x ends with its group: the space after b is literal
    [InlineData("(?x: a )b $", "ab ", true)]
    [InlineData(@"^\c[$", "\u001B", true)]     // \c[ is ESC, not the start of a class
    [InlineData(@"^\c[$", "\u001B\n", false)]
    [InlineData(@"^[\c[]$", "\u001B", true)]
    [InlineData(@"^\u0024$", "$", true)]         // an escaped dollar sign is a literal
    [InlineData(@"^a$*", "a", true)]
    [InlineData(@"^\d{2}$", "12", true)]
    [InlineData(@"^\d{2}$", "123", false)]
    public void Matches_with_the_spec_semantics(string pattern, string value, bool expected)
    {
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        Assert.Equal(expected, regex.IsMatch(value));
    }

    [Fact]
    public void Catastrophic_backtracking_pattern_matches_in_linear_time()
    {
        // "(a+)+$" against "aaaa…!" is exponential for a backtracking engine; here it must simply finish.
        Assert.True(PatternCompiler.TryCompile("^(a+)+$", out var regex));
        var hostile = new string('a', 100_000) + "!";
        Assert.DoesNotMatch(regex, hostile);
        Assert.True(PatternCompiler.TryCompile("(x+x+)+y", out var second));
        Assert.DoesNotMatch(second, new string('x', 50_000));
        Assert.Equal(TimeSpan.FromMilliseconds(-1), regex.MatchTimeout);
    }

    [Fact]
    public void Uses_only_the_non_backtracking_and_culture_invariant_options()
    {
        Assert.True(PatternCompiler.TryCompile("a", out var regex));
        Assert.Equal(System.Text.RegularExpressions.RegexOptions.NonBacktracking | System.Text.RegularExpressions.RegexOptions.CultureInvariant, regex.Options);
    }

    [Fact]
    public void Longest_pattern_of_class_escapes_compiles()
    {
        // 2048 escapes expand to ~50,000 characters after translation; still within the engine's limits.
        var pattern = string.Concat(Enumerable.Repeat(@"\w", 2048));
        Assert.Equal(PatternCompiler.MaxPatternLength, pattern.Length);
        Assert.True(PatternCompiler.TryCompile(pattern, out var regex));
        Assert.DoesNotMatch(regex, "a");
    }

    [Fact]
    public void Repeated_class_escapes_match_ascii_only()
    {
        Assert.True(PatternCompiler.TryCompile(string.Concat(Enumerable.Repeat(@"\w", 64)), out var regex));
        Assert.Matches(regex, new string('a', 64));
        Assert.DoesNotMatch(regex, new string('a', 63) + "é");
    }

    [Fact]
    public void Deeply_nested_groups_do_not_crash()
    {
        var pattern = new string('(', 1000) + "a" + new string(')', 1000);
        var compiled = PatternCompiler.TryCompile(pattern, out var regex);
        if (compiled)
        {
            Assert.Matches(regex!, "a");
        }

        Assert.False(PatternCompiler.TryCompile(new string('(', 2048) + new string(')', 2049), out _));
    }
}
