namespace Cairn.Pebble.Plan;

/// <summary>
/// A service as one layer (or the combined plan) defines it. Unset fields are null or empty: combining layers
/// only overwrites what a newer layer sets, and <c>pebble plan</c> prints only what is set.
/// </summary>
public sealed class Service
{
    /// <summary>The service's name (its key under <c>services:</c>).</summary>
    public required string Name { get; init; }

    public string? Summary { get; set; }
    public string? Description { get; set; }
    public Startup Startup { get; set; }
    public Override Override { get; set; }

    /// <summary>The command line, split with shell-like rules (see <see cref="ServiceCommand"/>), never run by a shell.</summary>
    public string? Command { get; set; }

    public List<string> After { get; set; } = [];
    public List<string> Before { get; set; } = [];
    public List<string> Requires { get; set; } = [];
    public SortedDictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);
    public int? UserId { get; set; }
    public string? User { get; set; }
    public int? GroupId { get; set; }
    public string? Group { get; set; }
    public string? WorkingDir { get; set; }
    public ServiceAction OnSuccess { get; set; }
    public ServiceAction OnFailure { get; set; }
    public SortedDictionary<string, ServiceAction> OnCheckFailure { get; set; } = new(StringComparer.Ordinal);
    public TimeSpan? BackoffDelay { get; set; }
    public double? BackoffFactor { get; set; }
    public TimeSpan? BackoffLimit { get; set; }
    public TimeSpan? KillDelay { get; set; }

    /// <summary>Upstream's defaults, applied at run time and never printed in the plan.</summary>
    public static readonly TimeSpan DefaultBackoffDelay = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc cref="DefaultBackoffDelay"/>
    public const double DefaultBackoffFactor = 2.0;

    /// <inheritdoc cref="DefaultBackoffDelay"/>
    public static readonly TimeSpan DefaultBackoffLimit = TimeSpan.FromSeconds(30);

    /// <inheritdoc cref="DefaultBackoffDelay"/>
    public static readonly TimeSpan DefaultKillDelay = TimeSpan.FromSeconds(5);

    /// <summary>A deep copy.</summary>
    public Service Copy() => CopyAs(Name);

    /// <summary>A deep copy under another name.</summary>
    public Service CopyAs(string name) => new()
    {
        Name = name,
        Summary = Summary,
        Description = Description,
        Startup = Startup,
        Override = Override,
        Command = Command,
        After = [.. After],
        Before = [.. Before],
        Requires = [.. Requires],
        Environment = new(Environment, StringComparer.Ordinal),
        UserId = UserId,
        User = User,
        GroupId = GroupId,
        Group = Group,
        WorkingDir = WorkingDir,
        OnSuccess = OnSuccess,
        OnFailure = OnFailure,
        OnCheckFailure = new(OnCheckFailure, StringComparer.Ordinal),
        BackoffDelay = BackoffDelay,
        BackoffFactor = BackoffFactor,
        BackoffLimit = BackoffLimit,
        KillDelay = KillDelay,
    };

    /// <summary>
    /// Merges a newer layer's definition onto this one: set scalars overwrite, lists append, maps overwrite key-wise.
    /// <see cref="Override"/> stays the earlier definition's, as upstream's merge leaves it (so <c>pebble plan</c> shows
    /// <c>override: replace</c> for a replaced service that later layers, or <c>--args</c>, merge into).
    /// </summary>
    public void Merge(Service newer)
    {
        if (newer.Summary is not null) Summary = newer.Summary;
        if (newer.Description is not null) Description = newer.Description;
        if (newer.Startup != Startup.Unset) Startup = newer.Startup;
        if (!string.IsNullOrEmpty(newer.Command)) Command = newer.Command;
        After.AddRange(newer.After);
        Before.AddRange(newer.Before);
        Requires.AddRange(newer.Requires);
        foreach (var (k, v) in newer.Environment) Environment[k] = v;
        if (newer.UserId is not null) UserId = newer.UserId;
        if (!string.IsNullOrEmpty(newer.User)) User = newer.User;
        if (newer.GroupId is not null) GroupId = newer.GroupId;
        if (!string.IsNullOrEmpty(newer.Group)) Group = newer.Group;
        if (!string.IsNullOrEmpty(newer.WorkingDir)) WorkingDir = newer.WorkingDir;
        if (newer.OnSuccess != ServiceAction.Unset) OnSuccess = newer.OnSuccess;
        if (newer.OnFailure != ServiceAction.Unset) OnFailure = newer.OnFailure;
        foreach (var (k, v) in newer.OnCheckFailure) OnCheckFailure[k] = v;
        if (newer.BackoffDelay is not null) BackoffDelay = newer.BackoffDelay;
        if (newer.BackoffFactor is not null) BackoffFactor = newer.BackoffFactor;
        if (newer.BackoffLimit is not null) BackoffLimit = newer.BackoffLimit;
        if (newer.KillDelay is not null) KillDelay = newer.KillDelay;
    }

    /// <summary>True when both define the same configuration (used by replan to decide what to restart).</summary>
    public bool SameConfigAs(Service other) => PebbleLayerWriter.WriteService(this) == PebbleLayerWriter.WriteService(other);
}
