using System.Runtime.InteropServices;

namespace Cairn.Pebble.Native;

/// <summary>
/// The few libc calls the daemon needs and .NET does not offer: spawning into a process group, reaping any
/// child, becoming a subreaper, signalling process groups, switching user. All are plain glibc symbols.
/// </summary>
internal static unsafe partial class Libc
{
    public const int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10, SIGUSR2 = 12, SIGTERM = 15;
    public const int ECHILD = 10, EINTR = 4, ESRCH = 3;
    public const short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    public const int PR_SET_CHILD_SUBREAPER = 36;
    public const int O_RDONLY = 0, O_CLOEXEC = 0x80000;
    public const int W_OK = 2, X_OK = 1;
    public const int F_SETFD = 2, FD_CLOEXEC = 1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int posix_spawn(out int pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addopen(void* actions, int fd, byte* path, int flags, int mode);

    [LibraryImport("libc")]
    public static partial int posix_spawn_file_actions_addchdir_np(void* actions, byte* path);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_init(void* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setpgroup(void* attr, int pgroup);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigmask(void* attr, void* mask);

    [LibraryImport("libc")]
    public static partial int posix_spawnattr_setsigdefault(void* attr, void* mask);

    [LibraryImport("libc")]
    public static partial int sigemptyset(void* set);

    [LibraryImport("libc")]
    public static partial int sigfillset(void* set);

    [LibraryImport("libc")]
    public static partial int sigdelset(void* set, int signal);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int waitpid(int pid, out int status, int options);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc")]
    public static partial uint getuid();

    [LibraryImport("libc")]
    public static partial uint getgid();

    [LibraryImport("libc")]
    public static partial uint geteuid();

    [LibraryImport("libc")]
    public static partial int getpid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setgroups(nint size, uint* list);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setgid(uint gid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setuid(uint uid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int execv(byte* path, byte** argv);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getsockopt(nint socket, int level, int option, void* value, ref int length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int umask(int mask);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int access(string path, int mode);

    [LibraryImport("libc")]
    public static partial nint strerror(int errno);

    /// <summary>The libc message for an errno value ("No such file or directory").</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";

    /// <summary>Exit code as upstream reports it: the status, or 128 + signal for a killed process.</summary>
    public static int ExitCode(int status)
    {
        var signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }
}
