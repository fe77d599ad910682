namespace Cairn.Diagnostics.Reporting;

/// <summary>Work begun by <see cref="IReporter.Begin"/>; disposing it without <see cref="Complete"/> means it did not finish.</summary>
public interface IActivity : IDisposable
{
    /// <summary>What it is doing now ("3 of 12 packages", a tool's latest line): shown in the live status line.</summary>
    void Update(string detail);

    /// <summary>The work finished: prints its done line (with its time), or <paramref name="done"/> instead (what only the end can say: how many).</summary>
    void Complete(string? done = null);
}
