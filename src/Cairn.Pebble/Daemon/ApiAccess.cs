namespace Cairn.Pebble.Daemon;

/// <summary>Who may call an API method, as upstream's open, user and admin access levels.</summary>
internal enum ApiAccess
{
    /// <summary>Anyone, on either listener.</summary>
    Open,

    /// <summary>Any local user, on the unix socket.</summary>
    User,

    /// <summary>Root or the daemon's own user, on the unix socket.</summary>
    Admin,
}
