using System.Globalization;
using System.Text.Json;
using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Debian's Prometheus scraping one target every second, its web API on 127.0.0.1, its data in its directory.</summary>
public static class LocalPrometheus
{
    public static Task<LocalDaemon> StartAsync(string target) => LocalDaemon.StartAsync("prometheus", (address, temp) =>
    {
        var config = temp.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: flask
                static_configs:
                  - targets: ['{target}']

            """);
        return (Tools.Require("prometheus"), [
            $"--config.file={config}", $"--storage.tsdb.path={temp.Combine($"data-{address.Split(':')[1]}")}", $"--web.listen-address={address}"]);
    }, address => LocalDaemon.AnswersAsync($"http://{address}/-/ready"));

    /// <summary>Queries <paramref name="query"/> until its one sample is <paramref name="expected"/> (or a minute passes), and returns the last value seen.</summary>
    public static async Task<double?> WaitForValueAsync(this LocalDaemon prometheus, string query, double expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        double? value = null;
        while (DateTime.UtcNow < deadline)
        {
            var answer = await Http.GetAsync($"http://{prometheus.Address}/api/v1/query?query={Uri.EscapeDataString(query)}");
            var result = JsonDocument.Parse(answer).RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() == 1)
            {
                value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                if (value == expected)
                    return value;
            }

            await Task.Delay(500);
        }

        return value;
    }

    /// <summary>
    /// Whether promtool found the exposition well-formed and only gave naming advice (exit code 3): the names are
    /// upstream's (Rockcraft's mapping has counters without <c>_total</c>, statsd_exporter a gauge named
    /// <c>statsd_exporter_metrics_total</c>). A malformed exposition is exit code 1, "error while linting".
    /// </summary>
    public static bool OnlyLintAdvice(ProcessOutput check) =>
        check.ExitCode == 3 && !(check.Stdout + check.Stderr).Contains("error while linting", StringComparison.Ordinal)
        && (check.Stdout + check.Stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => l.Contains(" should ", StringComparison.Ordinal));
}
