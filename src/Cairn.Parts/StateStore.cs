using System.Text.Json;
using Cairn.Files;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>Reads and writes <see cref="StepState"/> files under each part's <c>state</c> directory.</summary>
internal sealed class StateStore(WorkLayout layout)
{
    private readonly Dictionary<(string, Step), StepState?> cache = [];

    private string PathOf(string part, Step step) => layout.StateFile(part, step.Name());

    /// <summary>The state of a finished step, or null when the step has not finished since it last started.</summary>
    public StepState? Read(string part, Step step)
    {
        if (cache.TryGetValue((part, step), out var cached)) return cached;
        var path = PathOf(part, step);
        StepState? state = null;
        if (File.Exists(path))
        {
            try
            {
                state = JsonSerializer.Deserialize(File.ReadAllText(path), StateJson.Default.StepState);
            }
            catch (JsonException)
            {
                // A state file from another cairn version, or damaged: the step simply runs again.
                state = null;
            }
        }

        cache[(part, step)] = state;
        return state;
    }

    /// <summary>Records a finished step, atomically: a kill leaves the old record or the new one.</summary>
    public void Write(string part, Step step, StepState state)
    {
        var path = PathOf(part, step);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, JsonSerializer.Serialize(state, StateJson.Default.StepState));
        cache[(part, step)] = state;
    }

    /// <summary>Whether the step's state file is there, even one <see cref="Read"/> could not understand.</summary>
    public bool Exists(string part, Step step) => File.Exists(PathOf(part, step));

    /// <summary>Forgets a step (before it runs again, or when cleaning).</summary>
    public void Delete(string part, Step step)
    {
        File.Delete(PathOf(part, step));
        cache[(part, step)] = null;
    }

    /// <summary>Forgets what it read of every part (after the whole parts directory is gone).</summary>
    public void ForgetAll() => cache.Clear();

    /// <summary>Forgets everything about a part.</summary>
    public void Forget(string part)
    {
        foreach (var step in Enum.GetValues<Step>()) cache.Remove((part, step));
    }
}
