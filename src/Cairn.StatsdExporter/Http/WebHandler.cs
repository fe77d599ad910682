using System.Net;
using System.Text;
using Cairn.Http;
using Cairn.StatsdExporter.Exposition;
using Cairn.StatsdExporter.Metrics;

namespace Cairn.StatsdExporter.Http;

/// <summary>
/// The exporter's HTTP routes: the telemetry path, <c>/-/healthy</c>, <c>/-/ready</c>, with
/// <c>--web.enable-lifecycle</c> also <c>/-/reload</c> and <c>/-/quit</c>, and the landing page for every other path.
/// </summary>
public sealed class WebHandler
{
    private const string MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly Registry _registry;
    private readonly ExporterTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly WebOptions _options;
    private readonly byte[] _landingPage;
    private readonly ExpositionWriter _writer = new(64 * 1024);
    private readonly Lock _writerLock = new();

    /// <summary>Creates the handler.</summary>
    public WebHandler(Registry registry, ExporterTelemetry telemetry, TimeProvider time, WebOptions options)
    {
        _registry = registry;
        _telemetry = telemetry;
        _time = time;
        _options = options;
        _landingPage = Encoding.UTF8.GetBytes(LandingPage(options.TelemetryPath, options.Version));
    }

    /// <summary>Answers one request.</summary>
    public HttpResponse Handle(HttpRequest request)
    {
        if (request.Path == _options.TelemetryPath)
            return Scrape();
        var isGet = request.Method == "GET";
        switch (request.Path)
        {
            case "/-/healthy":
                return HttpResponse.Text(200, isGet ? "Statsd Exporter is Healthy.\n" : "");
            case "/-/ready":
                return HttpResponse.Text(200, isGet ? "Statsd Exporter is Ready.\n" : "");
            case "/-/reload" when _options.EnableLifecycle:
                if (request.Method is not ("PUT" or "POST"))
                    return HttpResponse.Text(200, "");
                _options.Reload();
                return HttpResponse.Text(200, "Requesting reload");
            case "/-/quit" when _options.EnableLifecycle:
                if (request.Method is not ("PUT" or "POST"))
                    return HttpResponse.Text(200, "");
                _options.Quit();
                return HttpResponse.Text(200, "Requesting termination... Goodbye!");
        }

        if (_options.TelemetryPath is "/" or "")
            return HttpResponse.Text(404, "404 page not found\n");
        return new HttpResponse { ContentType = "text/html; charset=UTF-8", Body = _landingPage };
    }

    /// <summary>Renders the whole exposition (what <c>/metrics</c> returns).</summary>
    public byte[] Render()
    {
        // One buffer reused by every scrape: a large exposition is not regrown from scratch each time.
        lock (_writerLock)
        {
            _writer.Clear();
            lock (_registry.SyncRoot)
                _registry.WriteTo(_writer, _time.GetUtcNow());
            return _writer.Written.ToArray();
        }
    }

    private HttpResponse Scrape()
    {
        _telemetry.ScrapesInFlight.Increment();
        try
        {
            var body = Render();
            _telemetry.ScrapesTotal.Increment("200");
            return new HttpResponse { ContentType = MetricsContentType, Body = body };
        }
        catch (Exception e)
        {
            _telemetry.ScrapesTotal.Increment("500");
            return HttpResponse.Text(500, "An error has occurred while serving metrics:\n\n" + e.Message + "\n");
        }
        finally
        {
            _telemetry.ScrapesInFlight.Add(-1);
        }
    }

    private static string LandingPage(string telemetryPath, string version) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="UTF-8">
        <title>StatsD Exporter</title>
        </head>
        <body>
        <h1>StatsD Exporter</h1>
        <p>Prometheus Exporter for converting StatsD to Prometheus metrics</p>
        <p>version {WebUtility.HtmlEncode(version)}</p>
        <ul>
        <li><a href="{WebUtility.HtmlEncode(telemetryPath)}">Metrics</a></li>
        </ul>
        </body>
        </html>

        """;
}
