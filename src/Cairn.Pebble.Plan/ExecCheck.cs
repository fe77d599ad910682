namespace Cairn.Pebble.Plan;

/// <summary>The <c>exec:</c> block of a check: healthy when the command exits 0.</summary>
public sealed class ExecCheck
{
    public string? Command { get; set; }
    public string? ServiceContext { get; set; }
    public SortedDictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);
    public int? UserId { get; set; }
    public string? User { get; set; }
    public int? GroupId { get; set; }
    public string? Group { get; set; }
    public string? WorkingDir { get; set; }

    /// <summary>A deep copy.</summary>
    public ExecCheck Copy() => new()
    {
        Command = Command, ServiceContext = ServiceContext, Environment = new(Environment, StringComparer.Ordinal),
        UserId = UserId, User = User, GroupId = GroupId, Group = Group, WorkingDir = WorkingDir,
    };

    /// <summary>Merges a newer definition onto this one.</summary>
    public void Merge(ExecCheck newer)
    {
        if (!string.IsNullOrEmpty(newer.Command)) Command = newer.Command;
        if (!string.IsNullOrEmpty(newer.ServiceContext)) ServiceContext = newer.ServiceContext;
        foreach (var (k, v) in newer.Environment) Environment[k] = v;
        if (newer.UserId is not null) UserId = newer.UserId;
        if (!string.IsNullOrEmpty(newer.User)) User = newer.User;
        if (newer.GroupId is not null) GroupId = newer.GroupId;
        if (!string.IsNullOrEmpty(newer.Group)) Group = newer.Group;
        if (!string.IsNullOrEmpty(newer.WorkingDir)) WorkingDir = newer.WorkingDir;
    }
}
