namespace Cairn.StatsdExporter.Ingest;

/// <summary>One Prometheus label: a name (already escaped to the label-name alphabet) and a verbatim value.</summary>
public readonly record struct Label(string Name, string Value);
