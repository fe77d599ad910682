using Cairn.Diagnostics;
using Cairn.Diagnostics.Reporting;
using Cairn.Sandbox.Caching;
using Cairn.Sandbox.Processes;

namespace Cairn.Sandbox.Bases;

/// <summary>
/// Makes Ubuntu base root filesystems with mmdebstrap (minbase, main and universe, the Ubuntu archive
/// keyring) and keeps them in the cache, keyed by everything that shapes them.
/// </summary>
public sealed class BaseStore(SandboxHost host)
{
    /// <summary>Bumped when the way bases are made changes, so old entries are not reused.</summary>
    private const string FormatVersion = "1";

    private const string Components = "main,universe";

    /// <summary>minbase is only Essential and required packages; apt is what makes it a base to build on.</summary>
    private const string Include = "apt";

    /// <summary>The cached base for <paramref name="request"/>, made first if it is not there yet.</summary>
    public async Task<CachedBase> GetAsync(BaseRequest request, CancellationToken cancellationToken)
    {
        var name = request.Base;
        if (name.IsBare)
        {
            throw CairnException.User(SandboxErrorCodes.BareHasNoRoot, "cannot make a root filesystem for base 'bare': it is empty by definition",
                "build on its build-base (build-base: ubuntu@24.04 or ubuntu@22.04)");
        }

        var inputs = InputsOf(request);
        var key = CacheEntries.KeyOf(inputs);
        var directory = Path.Combine(host.Cache.Bases, $"{name.Name.Replace('@', '-')}-{key}");
        try
        {
            if (CacheEntries.FindReady(directory, host.Clock) is not null)
                return new CachedBase(name, key, directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CacheEntries.Failure(directory, e);
        }

        using var activity = host.Reporter.Begin($"Creating base {name} with mmdebstrap (once; later builds reuse it)", $"Created base {name}");
        await CacheEntries.CreateAsync(
            host.Cache.Bases, Path.GetFileName(directory), "base", name.Name, inputs,
            (temp, ct) => CreateAsync(request, temp, activity, ct), host.Clock, cancellationToken).ConfigureAwait(false);
        activity.Complete();
        return new CachedBase(name, key, directory);
    }

    /// <summary>Everything that shapes a base: its key is their hash.</summary>
    public IReadOnlyDictionary<string, string> InputsOf(BaseRequest request) => new Dictionary<string, string>
    {
        ["format"] = FormatVersion,
        ["base"] = request.Base.Name,
        ["suite"] = request.Base.Suite ?? "",
        ["variant"] = "minbase",
        ["components"] = Components,
        ["include"] = Include,
        ["architecture"] = host.Architecture,
        ["mirror"] = request.Mirror ?? "",
        ["source-date-epoch"] = request.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The mmdebstrap command line for <paramref name="request"/> writing <paramref name="tarPath"/>.</summary>
    public IReadOnlyList<string> MmdebstrapArguments(string mmdebstrap, BaseRequest request, string tarPath)
    {
        var suite = request.Base.Suite!;
        var args = new List<string>
        {
            mmdebstrap,
            "--variant=minbase",
            $"--components={Components}",
            $"--include={Include}",
            $"--architectures={host.Architecture}",
            // As root the plain mode is fastest; an ordinary user needs a user namespace (newuidmap and /etc/subuid).
            host.IsRoot ? "--mode=root" : "--mode=unshare",
            "--format=tar",
            suite,
            tarPath,
        };
        if (request.Mirror is not null)
        {
            // The mirror replaces the archive for the release and its updates and security pockets.
            foreach (var pocket in new[] { suite, $"{suite}-updates", $"{suite}-security" })
                args.Add($"deb [signed-by=/usr/share/keyrings/ubuntu-archive-keyring.gpg] {request.Mirror} {pocket} {Components.Replace(',', ' ')}");
        }

        return args;
    }

    private async Task CreateAsync(BaseRequest request, string temp, IActivity activity, CancellationToken cancellationToken)
    {
        var mmdebstrap = host.Tools.Require("mmdebstrap", $"create base {request.Base}");
        if (!host.IsRoot)
            host.Tools.Require("newuidmap", $"create base {request.Base} without root");
        var tar = host.Tools.Require("tar", $"extract base {request.Base}");

        var tarPath = Path.Combine(temp, "base.tar");
        var argv = MmdebstrapArguments(mmdebstrap, request, tarPath);
        if (host.IsRoot)
        {
            // As root, mmdebstrap mounts /proc, /sys, /dev/pts and /dev/shm in its chroot, and on SIGTERM it
            // finishes its current step before it cleans up; killed before then, it would leave those mounts on
            // the host. In a mount namespace of its own they go away with its processes. (As an ordinary user,
            // unshare mode has its own namespace already.) A PID namespace of its own too, whose first process dies with
            // unshare (--kill-child) and so with cairn: the kernel then ends apt and dpkg in the chroot as well.
            argv = [host.Tools.Require("unshare", $"create base {request.Base}"), "--mount", "--propagation=private", "--pid", "--fork", "--kill-child", "--", .. argv];
        }

        var mm = new ProcessRequest(argv)
        {
            Environment = new Dictionary<string, string?>
            {
                ["SOURCE_DATE_EPOCH"] = request.SourceDateEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["LC_ALL"] = "C.UTF-8",
                // mmdebstrap's scratch root goes inside the entry's temporary directory, so whatever an
                // interrupted run leaves is removed with it instead of piling up in /tmp.
                ["TMPDIR"] = temp,
            },
            OnOutput = line => { host.Reporter.Output(line); activity.Update(line); },
        };
        var result = await host.Runner.RunAsync(mm, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw CreationFailure(request, mm.CommandLine, result);

        // The root to build in: the same files, without device nodes (the sandbox mounts its own /dev). As an
        // ordinary user the files become the user's; the tar keeps the true owners for the image.
        var rootfs = Path.Combine(temp, "rootfs");
        Directory.CreateDirectory(rootfs);
        List<string> extract = [tar, "--extract", "--file", tarPath, "--directory", rootfs, "--exclude=./dev/*"];
        extract.AddRange(host.IsRoot ? ["--numeric-owner", "--preserve-permissions"] : ["--no-same-owner"]);
        await host.Runner.RunCheckedAsync(new ProcessRequest(extract), $"extract base {request.Base}", cancellationToken).ConfigureAwait(false);
    }

    private static CairnException CreationFailure(BaseRequest request, string commandLine, CommandResult result)
    {
        var output = string.Join('\n', result.LastLines);
        var purpose = $"create base {request.Base}";
        if (ArchiveSource.CannotBeReached(result.LastLines))
        {
            return ProcessRunnerExtensions.ToolFailure(
                $"{purpose}: {ArchiveSource.Describe(request.Mirror)} cannot be reached", commandLine, result, SandboxErrorCodes.BaseCreationFailed,
                ArchiveSource.UnreachableHint(request.Mirror));
        }

        if (output.Contains("NO_PUBKEY", StringComparison.Ordinal) || output.Contains("keyring", StringComparison.OrdinalIgnoreCase))
        {
            return ProcessRunnerExtensions.ToolFailure(purpose, commandLine, result, SandboxErrorCodes.BaseCreationFailed,
                "install Ubuntu's archive keys: the package 'ubuntu-keyring' (on Debian 12 from trixie; scripts/setup does this)");
        }

        return ProcessRunnerExtensions.ToolFailure(purpose, commandLine, result, SandboxErrorCodes.BaseCreationFailed);
    }
}
