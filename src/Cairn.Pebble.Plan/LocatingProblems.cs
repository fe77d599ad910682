using YamlDotNet.RepresentationModel;

namespace Cairn.Pebble.Plan;

/// <summary>The caller's problem collection together with its position resolver, so every helper that reports a problem can use it.</summary>
internal sealed class LocatingProblems(ICollection<PlanProblem> inner, Func<YamlNode, (int Line, int Column)> positionOf) : ICollection<PlanProblem>
{
    public Func<YamlNode, (int Line, int Column)> PositionOf { get; } = positionOf;

    public int Count => inner.Count;

    public bool IsReadOnly => inner.IsReadOnly;

    public void Add(PlanProblem item) => inner.Add(item);

    public void Clear() => inner.Clear();

    public bool Contains(PlanProblem item) => inner.Contains(item);

    public void CopyTo(PlanProblem[] array, int arrayIndex) => inner.CopyTo(array, arrayIndex);

    public bool Remove(PlanProblem item) => inner.Remove(item);

    public IEnumerator<PlanProblem> GetEnumerator() => inner.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => inner.GetEnumerator();
}
