using Cairn.Diagnostics;

namespace Cairn.Build.Packing;

/// <summary>Adds the <c>_daemon_</c> user and group to a base's user files.</summary>
public static class UserDatabase
{
    /// <summary>
    /// Returns the files with <c>_daemon_</c> appended. <paramref name="created"/> dates the shadow entry:
    /// the image's creation time rather than today, so the layer is reproducible.
    /// </summary>
    public static UserFiles AddDaemonUser(UserFiles files, DateTimeOffset created)
    {
        var id = DaemonUser.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (text, file) in new[] { (files.Passwd, "/etc/passwd"), (files.Group, "/etc/group") })
        {
            if (HasEntry(text, DaemonUser.Name, id))
            {
                throw CairnException.User(
                    BuildErrorCodes.DaemonUserTaken,
                    $"cannot add user '{DaemonUser.Name}' ({id}): {file} of the base already has a user or group with that name or id",
                    "remove the conflicting entry from the base, or drop 'run-user' from rockcraft.yaml");
            }
        }

        var days = (long)Math.Floor((created - DateTimeOffset.UnixEpoch).TotalDays);
        return new UserFiles(
            Append(files.Passwd, $"{DaemonUser.Name}:x:{id}:{id}::{DaemonUser.Home}:{DaemonUser.Shell}"),
            Append(files.Group, $"{DaemonUser.Name}:x:{id}:"),
            files.Shadow is null ? null : Append(files.Shadow, $"{DaemonUser.Name}:!:{days}::::::"));
    }

    private static bool HasEntry(string text, string name, string id) =>
        text.Split('\n').Any(line =>
        {
            var fields = line.Split(':');
            return fields[0] == name || (fields.Length > 2 && fields[2] == id);
        });

    private static string Append(string text, string line) =>
        text.Length == 0 || text.EndsWith('\n') ? text + line + "\n" : text + "\n" + line + "\n";
}
