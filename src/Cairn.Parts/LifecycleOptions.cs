namespace Cairn.Parts;

/// <summary>What the lifecycle engine needs to know about the project beyond its parts.</summary>
public sealed record LifecycleOptions
{
    /// <summary>The project directory: <c>source: .</c> and relative sources resolve against it.</summary>
    public required string ProjectDirectory { get; init; }

    /// <summary>Where <c>parts/</c>, <c>stage/</c> and <c>prime/</c> live (state files are under <c>parts/</c>).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary><c>CRAFT_PROJECT_NAME</c>.</summary>
    public required string ProjectName { get; init; }

    /// <summary><c>CRAFT_PROJECT_VERSION</c>; a part may set it with <c>craftctl set version=...</c>.</summary>
    public string? ProjectVersion { get; init; }

    /// <summary>The rock's base, e.g. <c>ubuntu@24.04</c> or <c>bare</c>.</summary>
    public required string Base { get; init; }

    /// <summary>The build base (defaults to <see cref="Base"/>); selects plugin behaviour.</summary>
    public string? BuildBase { get; init; }

    /// <summary>Debian architecture the build runs on (<c>amd64</c>, <c>arm64</c>, ...).</summary>
    public string BuildOn { get; init; } = "amd64";

    /// <summary>Debian architecture the rock is for.</summary>
    public string BuildFor { get; init; } = "amd64";

    /// <summary><c>CRAFT_PARALLEL_BUILD_COUNT</c>.</summary>
    public int ParallelBuildCount { get; init; } = Environment.ProcessorCount;

    /// <summary>The only part allowed to run <c>craftctl set</c> (the project's <c>adopt-info</c>), or null.</summary>
    public string? AdoptInfoPart { get; init; }

    /// <summary>
    /// The caller's settings that shape what a build step produces without being part of the project (the PIP_*
    /// variables the build environment passes to pip): a change redoes the build steps.
    /// </summary>
    public IReadOnlyDictionary<string, string> BuildInputs { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The caller's settings that shape what stage-packages unpack without being part of the project (the chisel
    /// release slices are cut from): a change redoes the pull of each part that has stage-packages.
    /// </summary>
    public IReadOnlyDictionary<string, string> PullInputs { get; init; } = new Dictionary<string, string>();

    /// <summary>The effective build base.</summary>
    public string EffectiveBuildBase => BuildBase ?? Base;
}
