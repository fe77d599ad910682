using Cairn.Sandbox.Processes;

namespace Cairn.Wheelhouse;

/// <summary>
/// Makes compiled modules self-contained the way auditwheel does: every shared library they need that is
/// not on the manylinux allow-list is copied into <c>&lt;name&gt;.libs/</c> inside the wheel, and the modules'
/// RPATH points there (patchelf). Debian's gevent, for one, links the system's libev.so.4.
/// </summary>
public sealed class LibraryVendor(IProcessRunner runner, string patchelf, IReadOnlyList<string> libraryRoots)
{
    /// <summary>The manylinux2014 allow-list: libraries every Linux system is expected to have.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "libgcc_s.so.1", "libstdc++.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libc.so.6", "libnsl.so.1", "libutil.so.1",
        "libpthread.so.0", "libresolv.so.2", "libX11.so.6", "libXext.so.6", "libXrender.so.1", "libICE.so.6", "libSM.so.6",
        "libGL.so.1", "libgobject-2.0.so.0", "libgthread-2.0.so.0", "libglib-2.0.so.0", "libcrypt.so.1", "ld-linux-x86-64.so.2",
        "ld-linux-aarch64.so.1",
    };

    private static readonly string[] LibraryDirectories = ["usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu", "usr/lib/aarch64-linux-gnu", "lib/aarch64-linux-gnu", "usr/lib", "lib"];

    /// <summary>Vendors what the ELF files under <paramref name="payload"/> need into <paramref name="payload"/>/<paramref name="libsDirectory"/>.</summary>
    /// <returns>The libraries copied.</returns>
    public async Task<IReadOnlyList<string>> VendorAsync(string payload, string libsDirectory, CancellationToken cancellationToken)
    {
        var modules = Directory.EnumerateFiles(payload, "*.so", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var vendored = new SortedSet<string>(StringComparer.Ordinal);
        var libs = Path.Combine(payload, libsDirectory);
        var pending = new Queue<string>(modules);
        while (pending.Count > 0)
        {
            var elf = pending.Dequeue();
            var needed = await NeededAsync(elf, cancellationToken).ConfigureAwait(false);
            var copiedHere = false;
            foreach (var soname in needed.Where(n => !Allowed.Contains(n) && !n.StartsWith("libpython", StringComparison.Ordinal)))
            {
                copiedHere = true;
                if (!vendored.Add(soname))
                    continue;
                var source = Find(soname)
                    ?? throw new InvalidOperationException($"cannot vendor {soname} for {Path.GetFileName(elf)}: not found in the staged packages or the base");
                Directory.CreateDirectory(libs);
                var copy = Path.Combine(libs, soname);
                File.Copy(source, copy, overwrite: true);
                pending.Enqueue(copy);
            }

            if (copiedHere)
            {
                var relative = Path.GetRelativePath(Path.GetDirectoryName(elf)!, libs);
                var rpath = relative == "." ? "$ORIGIN" : "$ORIGIN/" + relative;
                await runner.RunCheckedAsync(new ProcessRequest([patchelf, "--set-rpath", rpath, elf]), $"set the RPATH of {Path.GetFileName(elf)}", cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return vendored.ToArray();
    }

    private async Task<IReadOnlyList<string>> NeededAsync(string elf, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        await runner.RunCheckedAsync(new ProcessRequest([patchelf, "--print-needed", elf]) { OnOutput = lines.Add }, $"read what {Path.GetFileName(elf)} links", cancellationToken)
            .ConfigureAwait(false);
        return lines.Where(l => l.Length > 0).ToArray();
    }

    /// <summary>The library's real file (symlinks followed) in the first root that has it.</summary>
    private string? Find(string soname)
    {
        foreach (var root in libraryRoots)
        {
            foreach (var dir in LibraryDirectories)
            {
                var candidate = Path.Combine(root, dir, soname);
                if (!File.Exists(candidate) && !new FileInfo(candidate).Exists)
                    continue;
                var info = new FileInfo(candidate);
                var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
                // An absolute link inside an unpacked tree points into the tree, not at the host.
                if (target is not null && info.LinkTarget is not null && Path.IsPathRooted(info.LinkTarget))
                    target = new FileInfo(Path.Combine(root, info.LinkTarget.TrimStart('/')));
                if (target is { Exists: true })
                    return target.FullName;
            }
        }

        return null;
    }
}
