using Cairn.Daemon;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Tests.Plan;

public class CommandTests
{
    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("a 'b c' d", new[] { "a", "b c", "d" })]
    [InlineData("a \"b \\\" \\x\" d", new[] { "a", "b \" x", "d" })]
    [InlineData("a'b c'd", new[] { "ab cd" })]
    [InlineData("a\\ b", new[] { "a b" })]
    [InlineData("a #comment\nb", new[] { "a", "b" })]
    [InlineData("a b#c", new[] { "a", "b#c" })]
    [InlineData("a '' b", new[] { "a", "", "b" })]
    [InlineData("\tx\ry\nz ", new[] { "x", "y", "z" })]
    public void Splits_like_upstream_shlex(string text, string[] words) => Assert.Equal(words, Shlex.Split(text));

    [Theory]
    [InlineData("a 'b")]
    [InlineData("a \"b")]
    [InlineData("a b\\")]
    public void Rejects_unterminated_input(string text) => Assert.Throws<FormatException>(() => Shlex.Split(text));

    [Fact]
    public void Flask_command_splits_into_base_and_default_args()
    {
        var c = ServiceCommand.Parse("flask", "/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]");
        Assert.Equal(["/bin/python3", "-m", "gunicorn", "-c", "/flask/gunicorn.conf.py", "app:app", "-k"], c.Base);
        Assert.Equal(["sync"], c.DefaultArgs);
        Assert.Equal("/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py app:app -k [ gevent ]", c.WithArgs(["gevent"]));
    }

    [Theory]
    [InlineData("cmd [ a ]", new[] { "x y", "it's", "" }, "cmd [ 'x y' 'it'\"'\"'s' '' ]")]
    [InlineData("cmd [ a ]", new string[0], "cmd")]
    [InlineData("cmd 'with space'", new[] { "--flag=1" }, "'with space' [ --flag=1 ]")]
    public void Joins_args_as_upstream(string command, string[] args, string expectedTail)
    {
        var joined = ServiceCommand.Parse("s", command).WithArgs(args);
        Assert.EndsWith(expectedTail, joined);
        // What we write must split back to the same argv.
        var back = ServiceCommand.Parse("s", joined);
        Assert.Equal(args, back.DefaultArgs);
    }

    [Theory]
    [InlineData("[ a ]", "cannot start command with [ ... ] group")]
    [InlineData("a ] b", "cannot have ] outside of [ ... ] group")]
    public void Rejects_bad_groups(string command, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ServiceCommand.Parse("s", command));
        Assert.Equal($"cannot parse service \"s\" command: {reason}", e.Message);
    }

    [Fact]
    public void Unclosed_group_takes_the_rest_as_defaults() =>
        Assert.Equal(["b", "c"], ServiceCommand.Parse("s", "a [ b c").DefaultArgs);

    [Theory]
    [InlineData("500ms", 5_000_000L, "500ms")]
    [InlineData("30s", 300_000_000L, "30s")]
    [InlineData("1m30s", 900_000_000L, "1m30s")]
    [InlineData("60s", 600_000_000L, "1m0s")]
    [InlineData("1.5s", 15_000_000L, "1.5s")]
    [InlineData("2h", 72_000_000_000L, "2h0m0s")]
    [InlineData("0", 0L, "0s")]
    [InlineData("1500us", 15_000L, "1.5ms")]
    public void Go_durations_round_trip(string text, long ticks, string printed)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(ticks, value.Ticks);
        Assert.Equal(printed, GoDuration.Format(value));
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1x")]
    [InlineData("")]
    [InlineData("s")]
    public void Rejects_bad_durations(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
