using Cairn.Daemon;
using Cairn.Pebble.Cli;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Tests.Daemon;

public class RunOptionsTests
{
    [Fact]
    public void Args_take_everything_up_to_a_lone_semicolon()
    {
        var o = RunOptions.Parse(["--args", "flask", "-k", "--workers=2", ";", "--hold", "--args", "other"], enter: false);
        Assert.True(o.Hold);
        Assert.Equal(2, o.ServiceArgs.Count);
        Assert.Equal("flask", o.ServiceArgs[0].Service);
        Assert.Equal(["-k", "--workers=2"], o.ServiceArgs[0].Args);
        Assert.Empty(o.ServiceArgs[1].Args);
    }

    [Fact]
    public void Enter_subcommand_after_semicolon_and_swallowed_without_it()
    {
        var o = RunOptions.Parse(["-v", "--args", "flask", "sync", ";", "plan"], enter: true);
        Assert.Equal(["plan"], o.Subcommand);
        Assert.True(o.Verbose);
        var swallowed = RunOptions.Parse(["--args", "flask", "sync", "plan"], enter: true);
        Assert.Empty(swallowed.Subcommand);
        Assert.Equal(["sync", "plan"], swallowed.ServiceArgs[0].Args);
    }

    [Theory]
    [InlineData(new[] { "--args" }, "--args requires a service name")]
    [InlineData(new[] { "--args", "a", ";", "--args", "a" }, "--args provided more than once for \"a\" service")]
    [InlineData(new[] { "extra" }, "too many arguments for command")]
    [InlineData(new[] { "--bogus" }, "unknown flag `bogus'")]
    public void Usage_errors_use_upstreams_words(string[] args, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => RunOptions.Parse(args, enter: false)).Message);

    [Fact]
    public void Args_rejoined_with_quotes_split_back_to_the_same_words()
    {
        var command = ServiceCommand.Parse("flask", "/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py 'app:app' -k [ sync ]");
        var o = RunOptions.Parse(["--args", "flask", "gevent", "--log-level", "it's debug"], enter: false);
        var joined = command.WithArgs(o.ServiceArgs[0].Args);
        Assert.Equal("/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py app:app -k [ gevent --log-level 'it'\"'\"'s debug' ]", joined);
        Assert.Equal(["/bin/python3", "-m", "gunicorn", "-c", "/flask/gunicorn.conf.py", "app:app", "-k", "gevent", "--log-level", "it's debug"], ServiceCommand.Parse("flask", joined).Argv());
    }

    [Theory]
    [InlineData(new string[0], null, true, false)]
    [InlineData(new string[0], "1", true, true)]
    [InlineData(new string[0], "0", false, false)]
    [InlineData(new string[0], "", true, false)]
    [InlineData(new[] { "-v" }, null, true, true)]
    [InlineData(new[] { "--verbose" }, "0", true, true)]
    public void Service_output_is_copied_unless_pebble_verbose_is_0(string[] args, string? pebbleVerbose, bool copies, bool verbose)
    {
        var o = RunOptions.Parse(args, enter: false);
        Assert.Equal(copies, o.CopiesServiceOutput(pebbleVerbose));
        Assert.Equal(verbose, o.IsVerbose(pebbleVerbose));
    }
}
