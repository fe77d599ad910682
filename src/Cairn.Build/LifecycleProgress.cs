using Cairn.Parts;

namespace Cairn.Build;

/// <summary>
/// Reports lifecycle events as lines, at once and in order. (<see cref="Progress{T}"/> would post each event to
/// the thread pool, so lines could come out of order or after the command has finished.)
/// </summary>
public sealed class LifecycleProgress(Action<string> onLine) : IProgress<LifecycleEvent>
{
    public void Report(LifecycleEvent value) => onLine(Format(value));

    /// <summary>One line per event: output indented under its step, the others as "started build PART (why)".</summary>
    public static string Format(LifecycleEvent e) => e.Kind switch
    {
        LifecycleEventKind.Output => $"  {e.Text}",
        _ => $"{e.Kind.ToString().ToLowerInvariant()} {e.Step.ToString().ToLowerInvariant()} {e.Part}{(e.Text is null ? "" : $" ({e.Text})")}",
    };
}
