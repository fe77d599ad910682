using Cairn.Diagnostics.Reporting;

namespace Cairn.TestKit;

/// <summary>An <see cref="IReporter"/> that keeps what it is told, one "kind: text" line each, for tests to read.</summary>
public sealed class RecordingReporter : IReporter
{
    private readonly List<string> _lines = [];

    /// <summary>Everything reported so far, in order ("begin: ...", "update: ...", "done: ...", "warning: ...", ...).</summary>
    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    /// <summary>The warnings alone.</summary>
    public IReadOnlyList<string> Warnings => [.. Lines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).Select(l => l["warning: ".Length..])];

    public IActivity Begin(string doing, string? done)
    {
        Add("begin", doing);
        return new Activity(this, done);
    }

    public void Message(string text) => Add("message", text);

    public void Warning(string text) => Add("warning", text);

    public void Output(string line) => Add("output", line);

    public void Debug(string text) => Add("debug", text);

    public void Trace(string text) => Add("trace", text);

    public IDisposable Pause()
    {
        Add("pause", "");
        return new Activity(this, null);
    }

    private void Add(string kind, string text)
    {
        lock (_lines) _lines.Add($"{kind}: {text}");
    }

    private sealed class Activity(RecordingReporter reporter, string? done) : IActivity
    {
        public void Update(string detail) => reporter.Add("update", detail);

        public void Complete(string? instead = null) => reporter.Add("done", instead ?? done ?? "");

        public void Dispose() { }
    }
}
