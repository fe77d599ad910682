using System.Runtime.InteropServices;
using Cairn.Pebble.Native;

namespace Cairn.Pebble.Reaper;

/// <summary>
/// Starts processes with <c>posix_spawn</c>: own process group, stdin from /dev/null, stdout and stderr into one
/// pipe, default signal dispositions (the .NET runtime ignores SIGPIPE, which a child would otherwise inherit).
/// A user/group switch needs code between fork and exec, which posix_spawn cannot run, so the child is then
/// this binary in its small <c>__exec-as</c> mode that drops privileges and execs the real program; a switch or exec
/// that fails there fails the spawn, with Go's wording.
/// </summary>
internal sealed unsafe class PosixSpawner : IProcessSpawner
{
    /// <summary>The hidden argv[1] of the privilege-dropping helper mode.</summary>
    public const string ExecAsMode = "__exec-as";

    private PosixSpawner()
    {
    }

    /// <summary>The one spawner: every child it starts is registered with the process-wide <see cref="ChildReaper"/>.</summary>
    public static PosixSpawner Instance { get; } = new();

    /// <summary>Resolves <paramref name="name"/> like Go's exec.LookPath against the daemon's PATH.</summary>
    public string LookPath(string name)
    {
        if (name.Contains('/')) return name;
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':'))
        {
            var candidate = System.IO.Path.Combine(dir.Length == 0 ? "." : dir, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }

        throw new SpawnException($"exec: \"{name}\": executable file not found in $PATH");
    }

    /// <summary>Starts the process and registers it with the reaper. Throws <see cref="SpawnException"/>.</summary>
    public SpawnedProcess Spawn(SpawnRequest request)
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0) throw new SpawnException("cannot create pipe: " + Libc.ErrorText(Marshal.GetLastPInvokeError()));
        var (readFd, writeFd) = (fds[0], fds[1]);
        var path = request.Path;
        var argv = request.Argv;
        var switchUser = (request.Uid is { } u && u != Libc.getuid()) || (request.Gid is { } g && g != Libc.getgid());
        int errorRead = -1, errorWrite = -1;
        if (switchUser)
        {
            argv = ["pebble", ExecAsMode, (request.Uid ?? Libc.getuid()).ToString(), (request.Gid ?? Libc.getgid()).ToString(), path, .. argv];
            path = "/proc/self/exe";
            // The helper reports a failed switch or exec on this pipe (its fd 3, closed by a successful exec), so
            // it fails the start as Go's fork/exec does instead of looking like a service that exited at once.
            if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0)
            {
                Libc.close(readFd);
                Libc.close(writeFd);
                throw new SpawnException("cannot create pipe: " + Libc.ErrorText(Marshal.GetLastPInvokeError()));
            }

            (errorRead, errorWrite) = (fds[0], fds[1]);
        }

        try
        {
            var (pid, exited) = ChildReaper.Instance.Start(() => SpawnNative(path, argv, request, writeFd, errorWrite));
            if (errorRead >= 0)
            {
                Libc.close(errorWrite);
                errorWrite = -1;
                var failure = ReadAll(errorRead);
                if (failure.Length > 0) throw new SpawnException($"fork/exec {request.Path}: {failure}");
            }

            return new SpawnedProcess(pid, exited, new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(readFd, true), FileAccess.Read, 1));
        }
        catch
        {
            Libc.close(readFd);
            throw;
        }
        finally
        {
            Libc.close(writeFd);
            if (errorWrite >= 0) Libc.close(errorWrite);
            if (errorRead >= 0) Libc.close(errorRead);
        }
    }

    /// <summary><c>kill(2)</c>: a negative <paramref name="pid"/> signals the process group.</summary>
    public void Signal(int pid, int signal) => Libc.kill(pid, signal);

    // Until the writer closes it: the helper's exec (close-on-exec) or its exit.
    private static string ReadAll(int fd)
    {
        var buffer = stackalloc byte[512];
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var n = Libc.read(fd, buffer, 512);
            if (n < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR) continue;
            if (n <= 0) return text.ToString();
            text.Append(System.Text.Encoding.UTF8.GetString(buffer, (int)n));
        }
    }

    private static int SpawnNative(string path, IReadOnlyList<string> argv, SpawnRequest request, int outputFd, int errorFd)
    {
        using var mem = new NativeStrings();
        var actions = mem.Zeroed(512);
        var attr = mem.Zeroed(512);
        var mask = mem.Zeroed(256);
        var defaults = mem.Zeroed(256);
        Libc.posix_spawn_file_actions_init(actions);
        Libc.posix_spawnattr_init(attr);
        try
        {
            Libc.posix_spawn_file_actions_addopen(actions, 0, mem.String("/dev/null"), Libc.O_RDONLY, 0);
            Libc.posix_spawn_file_actions_adddup2(actions, outputFd, 1);
            Libc.posix_spawn_file_actions_adddup2(actions, outputFd, 2);
            if (errorFd >= 0) Libc.posix_spawn_file_actions_adddup2(actions, errorFd, ErrorFd);
            if (!string.IsNullOrEmpty(request.WorkingDir))
                Libc.posix_spawn_file_actions_addchdir_np(actions, mem.String(request.WorkingDir));
            Libc.sigemptyset(mask);
            Libc.sigfillset(defaults);
            Libc.sigdelset(defaults, Libc.SIGKILL);
            Libc.sigdelset(defaults, 19);
            Libc.posix_spawnattr_setsigmask(attr, mask);
            Libc.posix_spawnattr_setsigdefault(attr, defaults);
            Libc.posix_spawnattr_setpgroup(attr, 0);
            Libc.posix_spawnattr_setflags(attr, (short)(Libc.POSIX_SPAWN_SETPGROUP | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF));
            var rc = Libc.posix_spawn(out var pid, mem.String(path), actions, attr, mem.Array(argv), mem.Array(request.Environment));
            if (rc != 0)
            {
                // With a working directory, ENOENT for a program that exists means the directory is missing.
                if (!string.IsNullOrEmpty(request.WorkingDir) && rc == 2 && File.Exists(path) && !Directory.Exists(request.WorkingDir))
                    throw new SpawnException($"chdir {request.WorkingDir}: no such file or directory");
                throw new SpawnException($"fork/exec {path}: {Libc.ErrorText(rc).ToLowerInvariant()}");
            }

            return pid;
        }
        finally
        {
            Libc.posix_spawn_file_actions_destroy(actions);
            Libc.posix_spawnattr_destroy(attr);
        }
    }

    /// <summary>
    /// The <c>__exec-as UID GID PATH ARGV...</c> helper: clears supplementary groups, sets gid then uid, and execs.
    /// Returns only on failure (exit code 127), after writing why (<c>operation not permitted</c>) to fd 3, which the
    /// spawner turns into the start's error.
    /// </summary>
    public static int ExecAs(string[] args)
    {
        if (args.Length < 5) return 127;
        // A successful exec closes the error pipe, which tells the spawner the program runs.
        Libc.fcntl(ErrorFd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        var uid = uint.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var gid = uint.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        using var mem = new NativeStrings();
        if (Libc.setgroups(0, null) == 0 && Libc.setgid(gid) == 0 && Libc.setuid(uid) == 0)
            Libc.execv(mem.String(args[3]), mem.Array(args[4..]));
        var why = System.Text.Encoding.UTF8.GetBytes(Libc.ErrorText(Marshal.GetLastPInvokeError()).ToLowerInvariant());
        fixed (byte* p = why) Libc.write(ErrorFd, p, why.Length);
        return 127;
    }

    // The helper's end of the error pipe.
    private const int ErrorFd = 3;
}
