using Cairn.Sandbox.Caching;

namespace Cairn.Parts;

/// <summary>The directories of one part and the shared ones, as the work directory's <see cref="WorkLayout"/> places them.</summary>
public sealed record PartDirectories
{
    /// <summary>The directories of <paramref name="part"/> in <paramref name="layout"/>.</summary>
    public PartDirectories(WorkLayout layout, Part part)
    {
        Root = layout.PartRoot(part.Name);
        Src = layout.PartSrc(part.Name);
        Build = layout.PartBuild(part.Name);
        Install = layout.PartInstall(part.Name);
        State = layout.PartState(part.Name);
        Run = layout.PartRun(part.Name);
        StagePackages = layout.PartStagePackages(part.Name);
        Stage = layout.Stage;
        Prime = layout.Prime;
        var subdir = string.IsNullOrEmpty(part.SourceSubdir) ? null : part.SourceSubdir.Trim('/');
        SrcWork = subdir is null ? Src : Path.Combine(Src, subdir);
        BuildWork = subdir is null ? Build : Path.Combine(Build, subdir);
    }

    /// <summary><c>parts/&lt;part&gt;</c>.</summary>
    public string Root { get; }

    /// <summary><c>CRAFT_PART_SRC</c>.</summary>
    public string Src { get; }

    /// <summary><c>CRAFT_PART_SRC_WORK</c>: the source subdir.</summary>
    public string SrcWork { get; }

    /// <summary><c>CRAFT_PART_BUILD</c>.</summary>
    public string Build { get; }

    /// <summary><c>CRAFT_PART_BUILD_WORK</c>: where plugin commands run.</summary>
    public string BuildWork { get; }

    /// <summary><c>CRAFT_PART_INSTALL</c>.</summary>
    public string Install { get; }

    /// <summary>The step state files.</summary>
    public string State { get; }

    /// <summary>Generated scripts, logs and the craftctl FIFOs.</summary>
    public string Run { get; }

    /// <summary>stage-packages unpacked at pull, copied into install at build.</summary>
    public string StagePackages { get; }

    /// <summary><c>CRAFT_STAGE</c>.</summary>
    public string Stage { get; }

    /// <summary><c>CRAFT_PRIME</c>.</summary>
    public string Prime { get; }
}
