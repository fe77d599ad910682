using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Cairn.StatsdExporter.Benchmarks;

/// <summary>
/// Measurements against the published binary (<c>artifacts/payload/statsd_exporter</c>): idle memory, UDP ingest with
/// packets of 1 and 20 lines, and scraping 100,000 series. Run with <c>dotnet run -c Release -- e2e</c>.
/// </summary>
public static partial class EndToEnd
{
    public static int Run(string[] args)
    {
        var binary = args.Length > 1 ? args[1] : FindBinary();
        var work = Directory.CreateTempSubdirectory("statsd-bench-").FullName;
        var mapping = Path.Combine(work, "statsd-mapping.conf");
        File.WriteAllText(mapping, Workload.RockMapping);
        try
        {
            Console.WriteLine($"binary: {binary} ({new FileInfo(binary).Length / 1024.0 / 1024.0:F2} MiB)");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            Idle(binary, mapping);
            foreach (var linesPerPacket in new[] { 1, 20 })
            {
                for (var run = 0; run < 3; run++)
                    Udp(binary, mapping, linesPerPacket, linesPerPacket == 1 ? 300_000 : 30_000);
            }

            Series(binary);
            return 0;
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static void Idle(string binary, string mapping)
    {
        using var exporter = Daemon.Start(binary, $"--statsd.mapping-config={mapping}");
        Thread.Sleep(3000);
        var idle = exporter.RssKb();
        exporter.Scrape();
        Thread.Sleep(500);
        Console.WriteLine($"idle: RSS {idle} kB after 3 s; {exporter.RssKb()} kB after one scrape");
    }

    private static void Udp(string binary, string mapping, int linesPerPacket, int packets)
    {
        using var exporter = Daemon.Start(binary, $"--statsd.mapping-config={mapping}");
        var datagrams = new byte[3][];
        for (var i = 0; i < 3; i++)
        {
            var sb = new StringBuilder();
            for (var l = 0; l < linesPerPacket; l++)
                sb.Append(l > 0 ? "\n" : "").Append(Workload.GunicornLines[(i + l) % 3]);
            datagrams[i] = Encoding.ASCII.GetBytes(sb.ToString());
        }

        var cpuBefore = exporter.CpuSeconds();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Connect(IPAddress.Loopback, exporter.UdpPort);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < packets; i++)
            socket.Send(datagrams[i % 3]);
        var sendSeconds = clock.Elapsed.TotalSeconds;

        // Wait until the exporter has processed everything it received (the count stops moving).
        long lines = -1;
        double doneSeconds;
        while (true)
        {
            var now = exporter.Counter("statsd_exporter_lines_total");
            if (now == lines)
                break;
            lines = now;
            doneSeconds = clock.Elapsed.TotalSeconds;
            Thread.Sleep(300);
        }

        doneSeconds = clock.Elapsed.TotalSeconds - 0.3;
        var received = exporter.Counter("statsd_exporter_udp_packets_total");
        var dropped = exporter.Counter("statsd_exporter_udp_packet_drops_total");
        var cpu = exporter.CpuSeconds() - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"udp {linesPerPacket,2} lines/packet: offered {packets} packets in {sendSeconds:F2} s ({packets / sendSeconds:F0}/s); "
            + $"read {received} ({100.0 * received / packets:F1}%), queue drops {dropped}; processed {lines} lines in {doneSeconds:F2} s "
            + $"= {lines / doneSeconds:F0} lines/s; exporter CPU {cpu:F2} s = {lines / Math.Max(cpu, 0.01):F0} lines per CPU-second; RSS {exporter.RssKb()} kB"));
    }

    private static void Series(string binary)
    {
        using var exporter = Daemon.Start(binary, "--statsd.cache-size=0");
        var sb = new StringBuilder();
        for (var f = 0; f < 1000; f++)
        {
            for (var s = 0; s < 100; s++)
                sb.Append("family_").Append(f).Append(".requests:1|c|#instance:host-").Append(s).Append(",path:/api/v1/items/").Append(f).Append('\n');
        }

        using (var client = new TcpClient())
        {
            client.Connect(IPAddress.Loopback, exporter.TcpPort);
            client.GetStream().Write(Encoding.ASCII.GetBytes(sb.ToString()));
        }

        while (exporter.Counter("statsd_exporter_events_total", "{type=\"counter\"}") < 100_000)
            Thread.Sleep(200);
        var times = new List<double>();
        var size = 0;
        for (var i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            size = exporter.Scrape().Length;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"100,000 series: scrape {size / 1024.0 / 1024.0:F1} MiB, median {times[5]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}) over 10 scrapes over HTTP; RSS {exporter.RssKb()} kB"));
    }

    private static string FindBinary()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "global.json")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? ".", "artifacts", "payload", "statsd_exporter");
    }

    private sealed partial class Daemon : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

        private Daemon(Process process) => _process = process;

        public int UdpPort { get; private set; }

        public int TcpPort { get; private set; }

        public int WebPort { get; private set; }

        public static Daemon Start(string binary, params string[] args)
        {
            var info = new ProcessStartInfo(binary) { RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])["--statsd.listen-udp=localhost:0", "--statsd.listen-tcp=127.0.0.1:0", "--web.listen-address=127.0.0.1:0", "--statsd.read-buffer=8388608", .. args])
                info.ArgumentList.Add(a);
            var daemon = new Daemon(Process.Start(info)!);
            while (daemon.WebPort == 0)
            {
                var line = daemon._process.StandardError.ReadLine() ?? throw new InvalidOperationException("exporter exited");
                if (Listeners().Match(line) is { Success: true } m)
                    (daemon.UdpPort, daemon.TcpPort) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
                if (Web().Match(line) is { Success: true } w)
                    daemon.WebPort = int.Parse(w.Groups[1].Value);
            }

            // Keep draining the log so the daemon never blocks on a full pipe.
            _ = Task.Run(() => daemon._process.StandardError.ReadToEnd());
            return daemon;
        }

        public string Scrape() => _http.GetStringAsync($"http://127.0.0.1:{WebPort}/metrics").Result;

        public long Counter(string name, string labels = "")
        {
            var prefix = name + labels + " ";
            var line = Scrape().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            return line is null ? 0 : (long)double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
        }

        public long RssKb() =>
            long.Parse(File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

        public double CpuSeconds()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
            _http.Dispose();
        }

        [GeneratedRegex(@"udp=127\.0\.0\.1:(\d+) tcp=127\.0\.0\.1:(\d+)")]
        private static partial Regex Listeners();

        [GeneratedRegex(@"Accepting Prometheus Requests"" addr=127\.0\.0\.1:(\d+)")]
        private static partial Regex Web();
    }
}
