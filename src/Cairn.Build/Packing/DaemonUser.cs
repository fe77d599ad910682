namespace Cairn.Build.Packing;

/// <summary>
/// The one shared user a rock may run as (<c>run-user: _daemon_</c>), with Rockcraft's fixed ids, so that
/// files a rock's layers give to 584792 mean the same user in every rock.
/// </summary>
public static class DaemonUser
{
    public const string Name = "_daemon_";
    public const int Id = 584792;
    public const string Home = "/var/lib/pebble/default";
    public const string Shell = "/usr/bin/false";
}
