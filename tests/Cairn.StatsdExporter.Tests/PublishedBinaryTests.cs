using System.Net;
using System.Text;
using Cairn.TestKit;

namespace Cairn.StatsdExporter.Tests;

/// <summary>The published Native AOT binary with real sockets on 127.0.0.1.</summary>
[Collection("published binary")]
public sealed class PublishedBinaryTests
{
    [Fact]
    public void Binary_NeedsNothingButLibcOfUbuntu2204()
    {
        var linkage = ElfLinkage.Read(ExporterProcess.BinaryPath);

        Assert.Contains("libc.so.6", linkage.Needed);
        Assert.All(linkage.Needed, library => Assert.True(
            library is "libc.so.6" or "libm.so.6" || library.StartsWith("ld-linux", StringComparison.Ordinal),
            $"statsd_exporter needs {library}; it must run on a base with nothing but libc"));
        // Ubuntu 22.04, the oldest supported base, has glibc 2.35; stay at or below 2.34 as the build does today.
        Assert.NotNull(linkage.HighestGlibc);
        Assert.True(linkage.HighestGlibc <= new Version(2, 34), $"statsd_exporter needs GLIBC_{linkage.HighestGlibc}");
    }

    [Fact]
    public void Binary_Flags_MoveTheMetricsPathDropTheCacheAndLogBadLinesAtDebug()
    {
        using var exporter = ExporterProcess.Start("--web.telemetry-path=/m", "--statsd.cache-size=0", "--log.level=debug");
        exporter.SendUdp("bad", "x:1|zz", "good:1|c");

        var (status, contentType, body) = exporter.Get("/m");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", contentType);
        body = exporter.ScrapeUntil("/m", b => b.Contains("\ngood 1\n", StringComparison.Ordinal));
        Assert.Contains("statsd_exporter_sample_errors_total{reason=\"illegal_event\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_sample_errors_total{reason=\"malformed_line\"} 1\n", body, StringComparison.Ordinal);
        // A cache size of 0 disables the mapping cache and, as upstream, its three metrics.
        Assert.DoesNotContain("statsd_metric_mapper_", body, StringComparison.Ordinal);

        // /metrics is now an ordinary path: upstream answers it with the landing page, which links to /m.
        var old = exporter.Get("/metrics");
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal("text/html; charset=UTF-8", old.ContentType);
        Assert.Contains("href=\"/m\"", old.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("statsd_exporter_", old.Body, StringComparison.Ordinal);

        exporter.LogWhenItMatches(@"level=debug msg=""Bad StatsD line"" reason=malformed_line line=bad\b");
        exporter.LogWhenItMatches(@"level=debug msg=""Bad StatsD line"" reason=illegal_event line=x:1\|zz\b");
    }

    [Fact]
    public void Binary_EventFlushFlags_BatchAtTheThresholdAndTickAtTheInterval()
    {
        // No tick within the test: only the threshold of 2 hands events to the exporter.
        using var exporter = ExporterProcess.Start("--statsd.event-flush-threshold=2", "--statsd.event-flush-interval=1h", "--statsd.event-queue-size=1");
        exporter.SendUdp("a:1|c", "b:1|c");
        var body = exporter.ScrapeUntil(b => b.Contains("\nb 1\n", StringComparison.Ordinal));
        Assert.Contains("\na 1\n", body, StringComparison.Ordinal);

        exporter.SendUdp("c:1|c");
        body = exporter.ScrapeUntil(b => b.Contains("statsd_exporter_lines_total 3\n", StringComparison.Ordinal));
        // Parsed, but one event is below the threshold and the next tick is an hour away.
        Assert.DoesNotContain("\nc 1\n", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_event_queue_flushed_total 1\n", body, StringComparison.Ordinal);

        exporter.SendUdp("d:1|c");
        body = exporter.ScrapeUntil(b => b.Contains("\nd 1\n", StringComparison.Ordinal));
        Assert.Contains("\nc 1\n", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_event_queue_flushed_total 2\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_UdpAndTcpTraffic_IsScrapedOverHttp()
    {
        using var exporter = ExporterProcess.Start($"--statsd.mapping-config={RockMapping.Path}");
        exporter.SendUdp([.. GunicornGoldenTests.GunicornDatagrams()]);
        exporter.SendTcp(Encoding.ASCII.GetBytes("tcp.lines:1|c\r\ntcp.lines:2|c\ntcp.gauge:7|g\nlast.line:5|c"));

        var body = exporter.ScrapeUntil(b => b.Contains("flask_requests 3\n", StringComparison.Ordinal) && b.Contains("last_line 5\n", StringComparison.Ordinal));

        Assert.Contains("flask_request_duration{quantile=\"0.5\"} 0.00325\n", body, StringComparison.Ordinal);
        Assert.Contains("flask_request_duration_sum 0.01675\nflask_request_duration_count 3\n", body, StringComparison.Ordinal);
        Assert.Contains("flask_response_code{status=\"200\"} 2\nflask_response_code{status=\"404\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("gunicorn_workers 1\n", body, StringComparison.Ordinal);
        Assert.Contains("tcp_lines 3\n", body, StringComparison.Ordinal);
        Assert.Contains("tcp_gauge 7\n", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_tcp_connections_total 1\n", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_udp_packets_total 10\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_TcpLineTooLong_IsCountedAndClosesTheConnection()
    {
        using var exporter = ExporterProcess.Start();
        // 4096 bytes before the newline is one too many; 4095 is the longest line accepted.
        exporter.SendTcp(Encoding.ASCII.GetBytes("before:1|c\n" + new string('x', 4092) + ":1|c\nafter:1|c\n"));
        exporter.SendTcp(Encoding.ASCII.GetBytes(new string('y', 4091) + ":1|c\n"));

        var body = exporter.ScrapeUntil(b => b.Contains("statsd_exporter_tcp_too_long_lines_total 1\n", StringComparison.Ordinal)
            && b.Contains("\nbefore 1\n", StringComparison.Ordinal) && b.Contains(new string('y', 4091) + " 1\n", StringComparison.Ordinal));

        // The line after the long one is lost with the connection, as upstream's reader does.
        Assert.DoesNotContain("\nafter ", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_tcp_connections_total 2\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_HttpEndpoints_AnswerAsUpstream()
    {
        using var exporter = ExporterProcess.Start();

        var metrics = exporter.Get("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.ContentType);
        Assert.Contains("# TYPE statsd_exporter_lines_total counter\n", metrics.Body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "Statsd Exporter is Healthy.\n"), (exporter.Get("/-/healthy").Status, exporter.Get("/-/healthy").Body));
        Assert.Equal("Statsd Exporter is Ready.\n", exporter.Get("/-/ready").Body);
        Assert.Equal("", exporter.Get("/-/ready", HttpMethod.Post).Body);
        var landing = exporter.Get("/anything/else");
        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Contains("<title>StatsD Exporter</title>", landing.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/metrics\"", landing.Body, StringComparison.Ordinal);
        Assert.Equal("", exporter.Get("/metrics", HttpMethod.Head).Body);
        // The GET and the HEAD before; a scrape does not count itself.
        Assert.Contains("promhttp_metric_handler_requests_total{code=\"200\"} 2\n", exporter.Get("/metrics").Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_Unixgram_ReceivesAndRemovesItsSocket()
    {
        using var dir = new TempDirectory("statsd");
        var path = dir.Combine("statsd.sock");
        using (var exporter = ExporterProcess.Start($"--statsd.listen-unixgram={path}", "--statsd.unixsocket-mode=700"))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            socket.Send("unix.metric:4|g\nunix.metric:+1|g"u8);
            exporter.ScrapeUntil(b => b.Contains("unix_metric 5\n", StringComparison.Ordinal) && b.Contains("statsd_exporter_unixgram_packets_total 1\n", StringComparison.Ordinal));

            // A second exporter refuses the existing path.
            var second = ExporterProcess.Run($"--statsd.listen-unixgram={path}", "--statsd.listen-udp=", "--statsd.listen-tcp=", "--web.listen-address=127.0.0.1:0");
            Assert.Equal(1, second.ExitCode);
            Assert.Contains("already exists", second.Stderr, StringComparison.Ordinal);
            exporter.Signal(15);
            Assert.Equal(0, exporter.WaitForExit());
        }

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Binary_BrokenConfig_ExitsOneNamingTheLine()
    {
        using var dir = new TempDirectory("statsd");
        var path = dir.Write("mapping.yaml", "mappings:\n- match: a.b\n  name: ok\n- match: c.d\n  name: not-valid\n");

        var (exitCode, _, stderr) = ExporterProcess.Run($"--statsd.mapping-config={path}", "--web.listen-address=127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot load mapping config {path}:5:", stderr, StringComparison.Ordinal);
        Assert.Contains("invalid metric name 'not-valid'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_CheckConfigAndFlags_ExitAsUpstream()
    {
        Assert.Equal(0, ExporterProcess.Run($"--statsd.mapping-config={RockMapping.Path}", "--check-config").ExitCode);
        var unknown = ExporterProcess.Run("--no-such-flag=1");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("unknown long flag '--no-such-flag'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter, version", ExporterProcess.Run("--version").Stdout, StringComparison.Ordinal);
        Assert.Equal(1, ExporterProcess.Run("--statsd.listen-udp=", "--statsd.listen-tcp=").ExitCode);
    }

    [Fact]
    public void Binary_SighupReloads_SigtermExitsZero()
    {
        using var dir = new TempDirectory("statsd");
        var path = dir.Write("mapping.yaml", "mappings:\n- match: a.b\n  name: first\n");
        using var exporter = ExporterProcess.Start($"--statsd.mapping-config={path}");
        exporter.SendUdp("a.b:1|c");
        exporter.ScrapeUntil(b => b.Contains("first 1\n", StringComparison.Ordinal));

        File.WriteAllText(path, "mappings:\n- match: a.b\n  name: second\n- match: c.d\n  name: cd\n");
        exporter.Signal(1);
        exporter.ScrapeUntil(b => b.Contains("statsd_exporter_config_reloads_total{outcome=\"success\"} 1\n", StringComparison.Ordinal));
        exporter.SendUdp("a.b:1|c");
        var body = exporter.ScrapeUntil(b => b.Contains("second 1\n", StringComparison.Ordinal));
        Assert.Contains("statsd_exporter_loaded_mappings 2\n", body, StringComparison.Ordinal);

        File.WriteAllText(path, "mappings: [");
        exporter.Signal(1);
        exporter.ScrapeUntil(b => b.Contains("statsd_exporter_config_reloads_total{outcome=\"failure\"} 1\n", StringComparison.Ordinal));

        exporter.Signal(15);
        Assert.Equal(0, exporter.WaitForExit());
    }

    [Fact]
    public void Binary_StartedWithItsSignalsIgnored_StillReloadsAndExits()
    {
        // nohup starts a program with SIGHUP ignored, a shell's background job with SIGINT ignored; upstream's Go
        // binary catches them all the same, and so must this one (a test runner started that way lost SIGHUP).
        using var dir = new TempDirectory("statsd");
        var path = dir.Write("mapping.yaml", "mappings:\n- match: a.b\n  name: first\n");
        using var exporter = ExporterProcess.StartUnder(["sh", "-c", "trap '' HUP INT TERM; exec \"$@\"", "sh"], $"--statsd.mapping-config={path}");
        File.WriteAllText(path, "mappings:\n- match: a.b\n  name: second\n");
        exporter.Signal(1);
        exporter.ScrapeUntil(b => b.Contains("statsd_exporter_config_reloads_total{outcome=\"success\"} 1\n", StringComparison.Ordinal));
        exporter.Signal(2);
        Assert.Equal(0, exporter.WaitForExit());
    }

    [Fact]
    public void Binary_GarbageInBulk_NeverCrashesNorGrowsWithoutBound()
    {
        using var exporter = ExporterProcess.Start($"--statsd.mapping-config={RockMapping.Path}");
        var rng = new Random(42);
        var valid = GunicornGoldenTests.GunicornDatagrams().Select(Encoding.ASCII.GetBytes).ToArray();
        long baseline = 0;
        for (var round = 0; round < 4; round++)
        {
            var datagrams = new List<byte[]>();
            for (var i = 0; i < 5000; i++)
            {
                var random = new byte[rng.Next(1, 512)];
                rng.NextBytes(random);
                datagrams.Add(random);
                var line = valid[rng.Next(valid.Length)];
                datagrams.Add(line[..rng.Next(1, line.Length + 1)]);
                datagrams.Add(Encoding.ASCII.GetBytes("]x[y:1|c\nq:1|ms|#quantile:1\nu:1|c|#__u:1\nn:-1|c\nm:1|c|@1e-300\n" + (char)rng.Next(32, 127)));
            }

            exporter.SendUdp(datagrams);
            var tcpGarbage = new byte[200_000];
            rng.NextBytes(tcpGarbage);
            exporter.SendTcp(tcpGarbage);
            exporter.ScrapeUntil(b => b.Contains("statsd_exporter_sample_errors_total", StringComparison.Ordinal));
            Assert.False(exporter.HasExited, exporter.Log);
            if (round == 1)
                baseline = exporter.ResidentKilobytes();
        }

        var final = exporter.ResidentKilobytes();
        var body = exporter.Get("/metrics").Body;
        Assert.Contains("statsd_exporter_sample_errors_total{reason=\"malformed_line\"}", body, StringComparison.Ordinal);
        Assert.Contains("statsd_exporter_events_error_total{reason=\"invalid_label_name\"}", body, StringComparison.Ordinal);
        Assert.True(final < 200_000, $"RSS {final} kB after garbage");
        Assert.True(final < baseline + 50_000, $"RSS grew from {baseline} kB to {final} kB over two more rounds of the same garbage");
    }
}
