using Cairn.Diagnostics;
using Cairn.Sandbox.Processes;
using Cairn.TestKit;

namespace Cairn.Sandbox.Tests;

public class SystemProcessRunnerTests
{
    [Fact]
    public async Task A_failing_tool_becomes_an_error_with_its_command_exit_code_and_last_lines()
    {
        var request = new ProcessRequest(["sh", "-c", "for i in $(seq 1 30); do echo line$i; done; echo oops >&2; exit 7"]);
        var e = await Assert.ThrowsAsync<CairnException>(() => new SystemProcessRunner().RunCheckedAsync(request, "do the thing", CancellationToken.None));
        Assert.Equal("CAIRN4002", e.Diagnostics[0].Code);
        Assert.Contains("cannot do the thing: the command exited with code 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("command: sh -c 'for i in", e.Message, StringComparison.Ordinal);
        Assert.Contains("oops", e.Message, StringComparison.Ordinal);
        Assert.Contains("line30", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line5\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cleared_environment_has_only_the_given_variables_and_output_goes_to_the_log()
    {
        using var temp = new TempDirectory();
        var log = temp.Combine("step.log");
        var lines = new List<string>();
        var request = new ProcessRequest(["/usr/bin/env"])
        {
            ClearEnvironment = true,
            Environment = new Dictionary<string, string?> { ["ONLY"] = "this" },
            OnOutput = lines.Add,
            LogFile = log,
        };
        var result = await new SystemProcessRunner().RunAsync(request, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(["ONLY=this"], lines);
        Assert.Equal("ONLY=this\n", File.ReadAllText(log));
    }

    [Fact]
    public async Task A_cancelled_process_is_asked_to_stop_first_so_it_can_clean_up()
    {
        var lines = new List<string>();
        using var started = new SemaphoreSlim(0);
        var request = new ProcessRequest(["sh", "-c", "trap 'echo cleaned up; exit 3' TERM; echo ready; while :; do sleep 0.1; done"])
        {
            OnOutput = line =>
            {
                lock (lines)
                    lines.Add(line);
                if (line == "ready")
                    started.Release();
            },
        };
        using var cancel = new CancellationTokenSource();
        var run = new SystemProcessRunner().RunAsync(request, cancel.Token);
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        lock (lines)
            Assert.Contains("cleaned up", lines);
    }

    [Fact]
    public async Task A_cancelled_process_takes_its_children_with_it_even_when_it_does_not_pass_the_signal_on()
    {
        // Like bwrap: the started process dies of SIGTERM and its child would run on.
        ProcessTree.Member? child = null;
        using var started = new SemaphoreSlim(0);
        var request = new ProcessRequest(["sh", "-c", "sleep 600 & echo child $!; wait"])
        {
            OnOutput = line =>
            {
                if (!line.StartsWith("child ", StringComparison.Ordinal))
                    return;
                child = ProcessTree.Of(int.Parse(line["child ".Length..], System.Globalization.CultureInfo.InvariantCulture))[0];
                started.Release();
            },
        };
        using var cancel = new CancellationTokenSource();
        var run = new SystemProcessRunner().RunAsync(request, cancel.Token);
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.False(ProcessTree.IsAlive(child!.Value), $"the child {child.Value.Pid} still runs after its cancelled parent was stopped");
    }

    [Fact]
    public async Task An_interactive_process_shares_cairns_streams_and_reports_its_exit_code()
    {
        using var temp = new TempDirectory();
        var seen = temp.Combine("streams");
        var lines = new List<string>();
        var request = new ProcessRequest(["sh", "-c", "printf '%s\\n' \"$(readlink /proc/$$/fd/0)\" \"$(readlink /proc/$$/fd/1)\" \"$(readlink /proc/$$/fd/2)\" > \"$0\"; exit 5", seen])
        {
            Interactive = true,
            OnOutput = lines.Add,
        };

        var result = await new SystemProcessRunner().RunAsync(request, CancellationToken.None);

        Assert.Equal(5, result.ExitCode);
        var ours = new[] { 0, 1, 2 }.Select(fd => new FileInfo($"/proc/self/fd/{fd}").LinkTarget);
        Assert.Equal(ours, File.ReadAllLines(seen));
        Assert.Empty(lines);
    }

    [Fact]
    public async Task A_tool_that_is_not_there_is_an_environment_error()
    {
        var e = await Assert.ThrowsAsync<CairnException>(() => new SystemProcessRunner().RunAsync(new ProcessRequest(["/nonexistent/tool"]), CancellationToken.None));
        Assert.Equal(FailureKind.Environment, e.Kind);
    }
}
