namespace Cairn.Diagnostics.Reporting;

/// <summary>Reporters for callers that need no rendering: none at all, or every event as a plain line (tools, tests).</summary>
public static class Reporter
{
    /// <summary>Shows nothing.</summary>
    public static IReporter None { get; } = new Lines(null);

    /// <summary>Writes every event to <paramref name="writer"/> as it comes, one line each.</summary>
    public static IReporter To(TextWriter writer) => new Lines(writer);

    private sealed class Lines(TextWriter? writer) : IReporter, IActivity
    {
        public IActivity Begin(string doing, string? done)
        {
            Write(doing);
            return done is null ? this : new Done(this, done);
        }

        public void Message(string text) => Write(text);
        public void Warning(string text) => Write($"warning: {text}");
        public void Output(string line) => Write($":: {line}");
        public void Debug(string text) => Write(text);
        public void Trace(string text) => Write(text);
        public IDisposable Pause() => this;
        public void Update(string detail) { }
        public void Complete(string? done = null)
        {
            if (done is not null) Write(done);
        }

        public void Dispose() { }

        private void Write(string line)
        {
            if (writer is null) return;
            lock (writer) writer.WriteLine(line);
        }

        private sealed class Done(Lines lines, string done) : IActivity
        {
            public void Update(string detail) { }
            public void Complete(string? instead = null) => lines.Write(instead ?? done);
            public void Dispose() { }
        }
    }
}
