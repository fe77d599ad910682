namespace Cairn.StatsdExporter.Http;

/// <summary>What the web routes need from the host.</summary>
/// <param name="TelemetryPath">Where metrics are served (<c>--web.telemetry-path</c>).</param>
/// <param name="EnableLifecycle">Whether <c>/-/reload</c> and <c>/-/quit</c> exist.</param>
/// <param name="Version">Shown on the landing page.</param>
/// <param name="Reload">Reloads the mapping config (synchronously).</param>
/// <param name="Quit">Asks the process to exit.</param>
public sealed record WebOptions(string TelemetryPath, bool EnableLifecycle, string Version, Action Reload, Action Quit);
