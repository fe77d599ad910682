using Cairn.Pebble.Native;

namespace Cairn.Pebble.Cli;

/// <summary>
/// Where pebble's directory and API socket are: <c>$PEBBLE</c> (default <c>/var/lib/pebble/default</c>) and
/// <c>$PEBBLE_SOCKET</c> (default <c>$PEBBLE/.pebble.socket</c>), as upstream. Beyond upstream: when the directory is
/// not writable (a read-only root, <c>docker run --read-only --tmpfs /tmp</c>) and no <c>$PEBBLE_SOCKET</c> is set,
/// the daemon listens on the same path under <c>/tmp/pebble</c> instead, and the CLI looks there when there is no
/// socket in the directory. Layers are still read from <c>$PEBBLE/layers</c>; nothing else is written.
/// </summary>
internal sealed record EnvPaths(string PebbleDir, string? SocketOverride)
{
    public const string DefaultDir = "/var/lib/pebble/default";
    public const string SocketName = ".pebble.socket";

    /// <summary>Where the socket goes when <c>$PEBBLE</c> is not writable: the same path under this directory.</summary>
    public const string FallbackRoot = "/tmp/pebble";

    /// <summary>The paths the process environment names.</summary>
    public static EnvPaths FromEnvironment() => From(Environment.GetEnvironmentVariable);

    /// <summary>The paths <paramref name="env"/> names (empty values count as unset, as upstream).</summary>
    public static EnvPaths From(Func<string, string?> env) =>
        new(env("PEBBLE") is { Length: > 0 } dir ? dir : DefaultDir, env("PEBBLE_SOCKET") is { Length: > 0 } socket ? socket : null);

    /// <summary>The socket in the pebble directory.</summary>
    public string DefaultSocket => Path.Combine(PebbleDir, SocketName);

    /// <summary>The socket used instead when the pebble directory is not writable.</summary>
    public string FallbackSocket(string root = FallbackRoot) => Path.Join(root, PebbleDir, SocketName);

    /// <summary>
    /// The socket the daemon listens on, making the fallback's directory when it is needed. <paramref name="notWritable"/>
    /// says why a directory cannot be written to (null when it can). Throws <see cref="InvalidOperationException"/>
    /// naming the paths and what to mount when there is nowhere to put it.
    /// </summary>
    public string ListenSocket(Func<string, string?> notWritable, Action<string> notice, string fallbackRoot = FallbackRoot)
    {
        if (SocketOverride is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(SocketOverride)) ?? "/";
            if (notWritable(dir) is { } reason)
                throw new InvalidOperationException($"cannot listen on socket \"{SocketOverride}\": directory \"{dir}\" is not writable ({reason}); set PEBBLE_SOCKET to a path in a writable directory");
            return SocketOverride;
        }

        if (notWritable(PebbleDir) is not { } why) return DefaultSocket;
        var fallback = FallbackSocket(fallbackRoot);
        var fallbackDir = Path.GetDirectoryName(fallback)!;
        string? failure;
        try
        {
            // Other users' CLIs (docker exec as root, or as the rock's user) must reach the socket: 0755.
            Directory.CreateDirectory(fallbackDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            failure = notWritable(fallbackDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = e is UnauthorizedAccessException ? "permission denied" : e.Message;
        }

        if (failure is not null)
        {
            throw new InvalidOperationException(
                $"cannot listen on the API socket: \"{PebbleDir}\" is not writable ({why}) and neither is \"{fallbackDir}\" ({failure}); " +
                $"mount a writable directory on {Path.GetDirectoryName(fallbackRoot)} (for example docker run --tmpfs /tmp) or on {PebbleDir}, or set PEBBLE_SOCKET to a path in a writable directory");
        }

        notice($"Directory \"{PebbleDir}\" is not writable ({why}); listening on \"{fallback}\" instead");
        return fallback;
    }

    /// <summary>The socket a client connects to: <c>$PEBBLE_SOCKET</c>, else the directory's, else the fallback if a daemon made it.</summary>
    public string ConnectSocket(Func<string, bool> exists)
    {
        if (SocketOverride is not null) return SocketOverride;
        if (!exists(DefaultSocket) && exists(FallbackSocket())) return FallbackSocket();
        return DefaultSocket;
    }

    /// <summary>Why the calling process cannot create files in <paramref name="directory"/>, or null when it can.</summary>
    public static string? NotWritable(string directory)
    {
        if (Libc.access(directory, Libc.W_OK | Libc.X_OK) == 0) return null;
        return Libc.ErrorText(System.Runtime.InteropServices.Marshal.GetLastPInvokeError()).ToLowerInvariant();
    }
}
