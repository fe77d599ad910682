namespace Cairn.Pebble.Plan;

/// <summary>Whether a service starts with the daemon (<c>startup:</c>), or whether a check runs from the start.</summary>
public enum Startup
{
    /// <summary>Not given: services are then disabled, checks enabled.</summary>
    Unset,

    /// <summary><c>enabled</c>.</summary>
    Enabled,

    /// <summary><c>disabled</c>.</summary>
    Disabled,
}
