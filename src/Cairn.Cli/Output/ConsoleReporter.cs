using System.Globalization;
using System.Text;
using Cairn.Diagnostics.Reporting;

namespace Cairn.Cli.Output;

/// <summary>
/// Renders what the libraries report on stderr at a <see cref="Verbosity"/>, and writes all of it to the command's
/// log. At brief on a terminal the work under way is one status line at the bottom, redrawn in place with its time
/// and latest detail, and finished work prints a line above it; to a pipe (or at other levels) only plain lines are
/// written, so CI logs read the same. Small and without a terminal library on purpose (docs/output.md).
/// </summary>
public sealed class ConsoleReporter : IReporter, IDisposable
{
    /// <summary>How often the status line's clock is redrawn, and the least time between two redraws for new detail.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(100);

    private readonly object _lock = new();
    private readonly TextWriter _error;
    private readonly Verbosity _verbosity;
    private readonly bool _live;
    private readonly int _width;
    private readonly TimeProvider _clock;
    private readonly CommandLog? _log;
    private readonly ITimer? _ticker;
    private readonly List<Activity> _open = [];
    private bool _statusShown;
    private int _paused;
    private long? _lastDraw;

    /// <param name="terminal">Whether <paramref name="error"/> is a terminal (a status line can be redrawn there).</param>
    /// <param name="width">The terminal's width: the status line is cut to fit, so it never wraps.</param>
    public ConsoleReporter(TextWriter error, Verbosity verbosity, bool terminal, int width, TimeProvider clock, CommandLog? log)
    {
        _error = error;
        _verbosity = verbosity;
        _live = terminal && verbosity == Verbosity.Brief;
        _width = Math.Max(width, 20);
        _clock = clock;
        _log = log;
        if (_live)
            _ticker = clock.CreateTimer(_ => Redraw(), null, Tick, Tick);
    }

    public IActivity Begin(string doing, string? done)
    {
        var activity = new Activity(this, doing, done, _clock.GetTimestamp());
        lock (_lock)
        {
            _open.Add(activity);
            _log?.Write(doing);
            if (_verbosity >= Verbosity.Verbose) Print(doing);
            else Draw();
        }

        return activity;
    }

    public void Message(string text) => Emit(text, Verbosity.Brief);

    public void Warning(string text) => Emit($"warning: {text}", Verbosity.Quiet);

    public void Output(string line) => Emit($":: {line}", Verbosity.Verbose);

    public void Debug(string text) => Emit(text, Verbosity.Debug);

    public void Trace(string text) => Emit(text, Verbosity.Trace);

    public IDisposable Pause()
    {
        lock (_lock)
        {
            _paused++;
            Clear();
        }

        return new Resumption(this);
    }

    /// <summary>Removes the status line for good (what follows, the result or an error, is written as it is), and logs the work that never finished.</summary>
    public void Dispose()
    {
        _ticker?.Dispose();
        lock (_lock)
        {
            _paused++;
            Clear();
            foreach (var activity in _open)
                _log?.Write($"{activity.Doing}: did not finish ({Duration(_clock.GetElapsedTime(activity.Started))})");
            _open.Clear();
        }
    }

    /// <summary>"6.2 s", "1 min 05 s": how long a piece of work took.</summary>
    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds < 60
        ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds:00} s";

    private void Emit(string line, Verbosity level)
    {
        lock (_lock)
        {
            _log?.Write(line);
            if (_verbosity >= level) Print(line);
        }
    }

    // Under _lock: a line above the status line.
    private void Print(string line)
    {
        Clear();
        _error.WriteLine(_verbosity >= Verbosity.Debug ? $"{_clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} {line}" : line);
        Draw();
    }

    private void Redraw()
    {
        lock (_lock) Draw();
    }

    // Under _lock.
    private void Draw()
    {
        if (!_live || _paused > 0) return;
        if (_open.Count == 0)
        {
            Clear();
            return;
        }

        var activity = _open[^1];
        var text = $"{activity.Doing} ({Duration(_clock.GetElapsedTime(activity.Started))})" + (activity.Detail is { Length: > 0 } detail ? $": {detail}" : "");
        if (text.Length > _width - 1) text = text[..(_width - 2)] + "…";
        _error.Write("\r" + text + "\u001b[K");
        _error.Flush();
        _statusShown = true;
        _lastDraw = _clock.GetTimestamp();
    }

    // Under _lock.
    private void Clear()
    {
        if (!_statusShown) return;
        _error.Write("\r\u001b[K");
        _statusShown = false;
    }

    private void Update(Activity activity, string detail)
    {
        lock (_lock)
        {
            activity.Detail = Printable(detail);
            if (_open.Count > 0 && _open[^1] == activity && (_lastDraw is not { } last || _clock.GetElapsedTime(last) >= Throttle))
                Draw();
        }
    }

    private void End(Activity activity, bool completed, string? instead = null)
    {
        lock (_lock)
        {
            if (!_open.Remove(activity)) return;
            var elapsed = Duration(_clock.GetElapsedTime(activity.Started));
            if (!completed)
            {
                _log?.Write($"{activity.Doing}: did not finish ({elapsed})");
                Draw();
            }
            else if ((instead ?? activity.Done) is { } done)
            {
                _log?.Write($"{done} ({elapsed})");
                if (_verbosity >= Verbosity.Brief) Print($"{done} ({elapsed})");
                else Draw();
            }
            else
            {
                _log?.Write($"{activity.Doing}: done ({elapsed})");
                Draw();
            }
        }
    }

    /// <summary>A tool's line as the status line can show it: no control characters (a progress bar's \r, colours).</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan().Trim())
            builder.Append(char.IsControl(c) ? ' ' : c);
        return builder.ToString();
    }

    private sealed class Activity(ConsoleReporter reporter, string doing, string? done, long started) : IActivity
    {
        public string Doing { get; } = doing;

        public string? Done { get; } = done;

        public long Started { get; } = started;

        public string? Detail { get; set; }

        public void Update(string detail) => reporter.Update(this, detail);

        public void Complete(string? done = null) => reporter.End(this, completed: true, done);

        public void Dispose() => reporter.End(this, completed: false);
    }

    private sealed class Resumption(ConsoleReporter reporter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (reporter._lock)
            {
                reporter._paused--;
                reporter.Draw();
            }
        }
    }
}
