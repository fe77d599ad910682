using Cairn.Bases;
using Cairn.Build.Packing;
using Cairn.Diagnostics;
using Cairn.Diagnostics.Reporting;
using Cairn.Files;
using Cairn.Oci;
using Cairn.Oci.Images;
using Cairn.Oci.Layers;
using Cairn.Oci.Sinks;
using Cairn.Oci.Storage;
using Cairn.Parts;
using Cairn.Project.Model;
using Cairn.Sandbox.Bases;
using Cairn.Sandbox.Caching;

namespace Cairn.Build;

/// <summary>
/// <c>cairn pack</c>: runs the lifecycle to prime, then writes the rock: the base layer, the rock's layers from
/// prime (<see cref="PackPlan"/>), the users, the Pebble layer and the metadata, the image config, and the
/// output, atomically. Every time in the image is SOURCE_DATE_EPOCH (or the Unix epoch).
/// </summary>
public sealed class Packer(BuildHost host)
{
    /// <summary>Pebble's default PATH; the image sets it because a base made by mmdebstrap carries no config.</summary>
    private const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public async Task<PackResult> PackAsync(BuildOptions options, string? outputDirectory, PackFormat format, CancellationToken cancellationToken)
    {
        using var session = await BuildSession.OpenAsync(host, options, cancellationToken).ConfigureAwait(false);
        var project = session.Project;
        var version = project.Version ?? throw CairnException.User(BuildErrorCodes.NoVersion,
            $"cannot pack '{project.Name}': rockcraft.yaml has no version", "add a line such as 'version: \"0.1\"' to rockcraft.yaml");
        var platform = PlatformFor(project, host.Sandbox.Architecture);
        var stem = Path.GetFullPath(Path.Combine(outputDirectory ?? options.ProjectDirectory, $"{project.Name}_{version}_{platform}"));
        var output = stem + (format == PackFormat.Archive ? ".rock" : "");

        var progress = new LifecycleProgress(host.Reporter);
        var result = await session.RunAsync(new LifecycleRunOptions { Target = Step.Prime, Progress = progress }, cancellationToken).ConfigureAwait(false);
        progress.Finish();

        var created = DateTimeOffset.FromUnixTimeSeconds(host.SourceDateEpoch);
        var store = new BlobStore(session.Work.Blobs);
        var layerOptions = new LayerWriterOptions { ModificationTime = created };
        var cache = new LayerCache(store, layerOptions);
        var image = new ImageBuilder(new Cairn.Oci.Platform(DebianArchitecture.Oci(host.Sandbox.Architecture))) { Created = created };
        var layers = new List<(string Purpose, Layer Layer, bool Reused)>();

        var (bases, baseIndex) = await AddBaseLayerAsync(session, cache, layerOptions, store, image, layers, cancellationToken).ConfigureAwait(false);
        var plan = new PackPlan(result, baseIndex).Entries();
        plan[RockLayer.Rock].AddRange(GeneratedEntries(session, version, created, bases));
        // The bill of materials (docs/sbom.md): the package records with the packages, the document with the metadata.
        var contents = RockContents.Of(result, bases?.RootPath);
        plan[RockLayer.Packages].AddRange(PackageRecords.Entries(contents.Staged));
        var sbom = SpdxDocument.Render(Path.GetFileName(stem), Identity(session, version), project.BuildBaseName.Name.Replace('@', '-'), created, contents);
        plan[RockLayer.Rock].Add(LayerEntry.File(SpdxDocument.PathInRock, LayerContent.FromText(sbom)));
        await AddRockLayersAsync(plan, cache, image, layers, cancellationToken).ConfigureAwait(false);
        Configure(image, session, version, created, bases?.Digest);
        var built = await image.BuildAsync(store, version, cancellationToken).ConfigureAwait(false);
        if (outputDirectory is not null) Directory.CreateDirectory(outputDirectory);
        IImageSink sink = format == PackFormat.Archive ? new OciArchiveSink(output) : new OciLayoutSink(output);
        using (host.Reporter.Begin($"Writing {Path.GetFileName(output)}", done: null))
            await sink.WriteAsync(built, cancellationToken).ConfigureAwait(false);
        var sbomPath = stem + SpdxDocument.FileSuffix;
        await AtomicFile.WriteAsync(sbomPath, System.Text.Encoding.UTF8.GetBytes(sbom), cancellationToken).ConfigureAwait(false);
        return new PackResult(output, built.Digest, [.. layers.Select(l => new PackedLayer(l.Purpose, l.Layer.Digest, l.Layer.Descriptor.Size, l.Reused))]) { SbomPath = sbomPath };
    }

    /// <summary>
    /// The layer under the rock's own: the base's root filesystem (made once per base and mirror, imported once),
    /// or for <c>bare</c> only a merged /usr's links. Returns the base (null for bare) and the files the rock's
    /// layers are compared with.
    /// </summary>
    private async Task<(PackedBase? Base, TarIndex Index)> AddBaseLayerAsync(BuildSession session, LayerCache cache, LayerWriterOptions layerOptions,
        BlobStore store, ImageBuilder image, List<(string, Layer, bool)> layers, CancellationToken cancellationToken)
    {
        var name = session.Project.RunBase;
        if (name.IsBare)
        {
            var bare = await cache.GetOrWriteAsync(BareBase.Entries, cancellationToken).ConfigureAwait(false);
            image.AddLayer(bare, "cairn pack", "bare: a merged /usr");
            layers.Add(("base", bare, !cache.Wrote(bare)));
            return (null, BareBase.Index);
        }

        var cached = await new BaseStore(host.Sandbox).GetAsync(new BaseRequest(name, session.Mirror, host.SourceDateEpoch), cancellationToken).ConfigureAwait(false);
        // Imported into the base's own store, once for every project on it (the key holds the writer's options), and
        // linked into this project's.
        var baseStore = new BlobStore(cached.LayerStorePath);
        var baseCache = new LayerCache(baseStore, layerOptions);
        BaseLayerResult imported;
        using (host.Reporter.Begin($"Importing base {name}", done: null))
            imported = await baseCache.GetOrImportBaseAsync(cached.TarPath, cached.Key, cancellationToken).ConfigureAwait(false);
        FileTree.LinkOrCopy(baseStore.PathOf(imported.Layer.Digest), store.PathOf(imported.Layer.Digest));
        image.AddLayer(imported.Layer, $"{name} root filesystem (mmdebstrap --variant=minbase)");
        layers.Add(("base", imported.Layer, !baseCache.Wrote(imported.Layer)));
        return (new PackedBase(imported.Layer, imported.Index, imported.Layer.DiffId.Hex, cached.RootPath), imported.Index);
    }

    /// <summary>
    /// The rock's own layers, in <see cref="RockLayer"/> order; an empty one is left out. They are independent, so they
    /// are written side by side (the small ones while gzip works on the packages); each is added in order.
    /// </summary>
    private async Task AddRockLayersAsync(IReadOnlyDictionary<RockLayer, List<LayerEntry>> plan, LayerCache cache, ImageBuilder image,
        List<(string, Layer, bool)> layers, CancellationToken cancellationToken)
    {
        var writes = plan.OrderBy(p => p.Key).Where(p => p.Value.Count > 0).Select(p => new LayerWrite(p.Key, p.Value)).ToList();
        foreach (var write in writes)
            write.Start(cache, cancellationToken);
        try
        {
            foreach (var write in writes)
            {
                var (group, entries) = (write.Group, write.Entries);
                Layer layer;
                // The summary lists every layer with its size, so the activity needs no line of its own; while the
                // layer is written it says how much of its content is in.
                using (write.Activity = host.Reporter.Begin($"Writing the {LayerGroups.Comment(group)} layer: {entries.Count} files, {ByteSize.Format(write.Total)}", done: null))
                    layer = await write.Layer!.ConfigureAwait(false);
                image.AddLayer(layer, "cairn pack", LayerGroups.Comment(group));
                layers.Add((group.ToString().ToLowerInvariant(), layer, !cache.Wrote(layer)));
            }
        }
        finally
        {
            // A failed write must not leave the others writing into the store after the pack has returned.
            await Task.WhenAll(writes.Select(w => w.Layer!)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>The files pack writes itself: Pebble's directories and layer, the users, the rock metadata.</summary>
    private static IEnumerable<LayerEntry> GeneratedEntries(BuildSession session, string version, DateTimeOffset created,
        PackedBase? bases)
    {
        var project = session.Project;
        // Pebble's state directory is world-writable so that a rock running as any user can start pebble.
        yield return LayerEntry.Directory("var/lib/pebble/default", 0b111_111_111);
        yield return LayerEntry.Directory("var/lib/pebble/default/layers", 0b111_101_101);
        if (PebbleLayerFile.Render(project) is { } layerText)
            yield return LayerEntry.File(PebbleLayerFile.PathFor(project.Name), LayerContent.FromText(layerText), 0b110_100_100);

        if (project.RunUser is not null)
        {
            var prime = session.Lifecycle.PrimeDirectory;
            string? Read(string file)
            {
                var primed = Path.Combine(prime, "etc", file);
                if (File.Exists(primed)) return File.ReadAllText(primed);
                var fromBase = bases is null ? null : Path.Combine(bases.RootPath, "etc", file);
                return fromBase is not null && File.Exists(fromBase) ? File.ReadAllText(fromBase) : null;
            }

            var users = UserDatabase.AddDaemonUser(new UserFiles(Read("passwd") ?? "", Read("group") ?? "", Read("shadow")), created);
            yield return LayerEntry.File("etc/passwd", LayerContent.FromText(users.Passwd), 0b110_100_100);
            yield return LayerEntry.File("etc/group", LayerContent.FromText(users.Group), 0b110_100_100);
            if (users.Shadow is not null)
                yield return LayerEntry.File("etc/shadow", LayerContent.FromText(users.Shadow), 0b110_100_000, new FileOwner(0, ShadowGroup(bases)));
        }

        yield return LayerEntry.File(RockMetadata.Path, LayerContent.FromText(RockMetadata.Render(Identity(session, version), created, bases?.Digest)), 0b110_100_100);
    }

    // Ubuntu's /etc/shadow is root:shadow 0640; keep the base's group.
    private static long ShadowGroup(PackedBase? bases) =>
        bases is not null && bases.Index.TryGet("etc/shadow", out var entry) ? entry.Gid : 0;

    private static void Configure(ImageBuilder image, BuildSession session, string version, DateTimeOffset created, string? baseDigest)
    {
        var project = session.Project;
        var entrypoint = PebblePart.Entrypoint(project.BuildBaseName).ToList();
        IReadOnlyList<string> cmd = [];
        if (project.EntrypointService is { } service)
        {
            entrypoint.AddRange(["--args", service]);
            cmd = PebbleLayerFile.DefaultArguments(project, service);
        }

        image.Configure(c => c with
        {
            Entrypoint = entrypoint,
            Cmd = cmd,
            User = project.RunUser is null ? null : DaemonUser.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Env = [DefaultPath, .. project.Environment.Select(v => $"{v.Name}={v.Value}")],
        });
        foreach (var (key, value) in ImageLabels.For(Identity(session, version), created, baseDigest))
        {
            image.SetLabel(key, value);
            image.SetAnnotation(key, value);
        }
    }

    private static RockIdentity Identity(BuildSession session, string version)
    {
        var project = session.Project;
        return new RockIdentity(project.Name, project.Title, version, project.Summary ?? "", project.Description ?? "", project.License,
            project.Base, session.Host.Sandbox.Architecture);
    }

    /// <summary>The platform label to build: the one whose build-on includes this machine's architecture.</summary>
    private static string PlatformFor(RockProject project, string architecture)
    {
        foreach (var platform in project.Platforms)
            if (platform.BuildOn.Contains(architecture) && platform.BuildFor.Contains(architecture))
                return platform.Name;
        throw CairnException.User(BuildErrorCodes.NoPlatformForHost,
            $"cannot pack '{project.Name}' on this machine: no platform in rockcraft.yaml builds on and for {architecture}",
            $"add '{architecture}:' under 'platforms' in rockcraft.yaml (cairn does not cross-build)");
    }

    /// <summary>One of the rock's layers being written on a thread of its own; its activity begins when the pack waits for it.</summary>
    private sealed class LayerWrite(RockLayer group, List<LayerEntry> entries)
    {
        public RockLayer Group => group;

        public List<LayerEntry> Entries => entries;

        public long Total { get; } = entries.Sum(e => e.Content?.Length ?? 0);

        public Task<Layer>? Layer { get; private set; }

        public IActivity? Activity { get; set; }

        public void Start(LayerCache cache, CancellationToken cancellationToken) =>
            Layer = Task.Run(() => cache.GetOrWriteAsync(entries, cancellationToken, OnWritten), cancellationToken);

        private void OnWritten(long written) => Activity?.Update($"{ByteSize.Format(written)} of {ByteSize.Format(Total)} in");
    }
}
