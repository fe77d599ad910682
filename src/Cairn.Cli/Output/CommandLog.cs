using System.Globalization;

namespace Cairn.Cli.Output;

/// <summary>
/// The log file of one command: every line cairn and its tools said, each with a timestamp, in
/// <c>$XDG_STATE_HOME/cairn/log/cairn-YYYYMMDD-HHMMSS.ffffff.log</c> (default <c>~/.local/state</c>), as Rockcraft
/// keeps one per command. Only the newest <see cref="Kept"/> are kept. A line is flushed as it is written, so the
/// log of a command that was killed holds everything up to the kill.
/// </summary>
public sealed class CommandLog : IDisposable
{
    /// <summary>How many logs are kept (Rockcraft keeps 5; a few more survive the retries after a failure).</summary>
    public const int Kept = 10;

    private readonly StreamWriter _writer;
    private readonly TimeProvider _clock;

    private CommandLog(string path, StreamWriter writer, TimeProvider clock)
    {
        Path = path;
        _writer = writer;
        _clock = clock;
    }

    public string Path { get; }

    /// <summary>The directory logs go to for <paramref name="variables"/> (XDG_STATE_HOME, else HOME/.local/state).</summary>
    public static string Directory(IReadOnlyDictionary<string, string> variables)
    {
        var state = variables.GetValueOrDefault("XDG_STATE_HOME") is { Length: > 0 } s && System.IO.Path.IsPathRooted(s)
            ? s
            : System.IO.Path.Combine(variables.GetValueOrDefault("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return System.IO.Path.Combine(state, "cairn", "log");
    }

    /// <summary>A new log in <paramref name="directory"/>, the oldest beyond <see cref="Kept"/> removed; null when none can be made (a log must never stop a build).</summary>
    public static CommandLog? Create(string directory, TimeProvider clock)
    {
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            Prune(directory);
            var now = clock.GetLocalNow();
            for (var attempt = 0; ; attempt++)
            {
                var name = $"cairn-{now.ToString("yyyyMMdd-HHmmss.ffffff", CultureInfo.InvariantCulture)}{(attempt == 0 ? "" : $"-{attempt}")}.log";
                var path = System.IO.Path.Combine(directory, name);
                try
                {
                    var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                    return new CommandLog(path, new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" }, clock);
                }
                catch (IOException) when (File.Exists(path) && attempt < 100)
                {
                    // another cairn started in the same microsecond
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="text"/> (each of its lines) with the time.</summary>
    public void Write(string text)
    {
        var stamp = _clock.GetLocalNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        lock (_writer)
        {
            try
            {
                foreach (var line in text.Split('\n'))
                    _writer.WriteLine($"{stamp} {line}");
            }
            catch (IOException)
            {
                // a full disk must not fail the build; the terminal still shows what matters
            }
        }
    }

    public void Dispose()
    {
        lock (_writer) _writer.Dispose();
    }

    private static void Prune(string directory)
    {
        var logs = new DirectoryInfo(directory).GetFiles("cairn-*.log").OrderByDescending(f => f.Name, StringComparer.Ordinal).Skip(Kept - 1);
        foreach (var old in logs)
        {
            try
            {
                old.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // another cairn removed it, or it is not ours to remove
            }
        }
    }
}
