namespace Cairn.StatsdExporter.Http;

/// <summary>The parts of an HTTP request the exporter looks at.</summary>
/// <param name="Method">Upper-case method, e.g. GET.</param>
/// <param name="Path">The path without the query string.</param>
/// <param name="Query">The query string without <c>?</c>, or empty.</param>
public sealed record HttpRequest(string Method, string Path, string Query);
