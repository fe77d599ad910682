namespace Cairn.Sandbox.Caching;

/// <summary>
/// Where everything lives in a project's work directory (craft-parts' layout, plus cairn's own files): the parts'
/// <c>src</c>, <c>build</c>, <c>install</c>, <c>state</c> and <c>run</c> directories, the shared <c>stage</c> and
/// <c>prime</c>, and what the cache and pack keep beside them. Every area asks this one record for a path
/// rather than joining names itself, so the layout is written down once (docs/parts.md).
/// </summary>
public sealed record WorkLayout
{
    /// <summary>The layout of the work directory at <paramref name="root"/>.</summary>
    public WorkLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The work directory itself.</summary>
    public string Root { get; }

    /// <summary><c>parts/</c>: one directory per part.</summary>
    public string Parts => Path.Combine(Root, "parts");

    /// <summary><c>stage/</c>: the shared staging area (<c>CRAFT_STAGE</c>).</summary>
    public string Stage => Path.Combine(Root, "stage");

    /// <summary><c>prime/</c>: the rock's payload (<c>CRAFT_PRIME</c>).</summary>
    public string Prime => Path.Combine(Root, "prime");

    /// <summary>What the lifecycle makes, and <c>cairn clean</c> without part names removes.</summary>
    public IReadOnlyList<string> LifecycleDirectories => [Parts, Stage, Prime];

    /// <summary>Files cairn itself provides to parts (the payload and extension data), copied here so they are bound into the sandbox.</summary>
    public string Provided => Path.Combine(Root, "provided");

    /// <summary>The content-addressed blobs of built layers and images.</summary>
    public string Blobs => Path.Combine(Root, "oci");

    /// <summary>The file holding the path of the project directory this work directory builds (see <see cref="ProjectBuilds"/>).</summary>
    public string ProjectFile => Path.Combine(Root, "project-directory");

    /// <summary><c>parts/&lt;part&gt;</c>.</summary>
    public string PartRoot(string part) => Path.Combine(Parts, part);

    /// <summary><c>parts/&lt;part&gt;/src</c>: the pulled source.</summary>
    public string PartSrc(string part) => Path.Combine(PartRoot(part), "src");

    /// <summary><c>parts/&lt;part&gt;/build</c>: the copy of the source the build runs in.</summary>
    public string PartBuild(string part) => Path.Combine(PartRoot(part), "build");

    /// <summary><c>parts/&lt;part&gt;/install</c>: what the build produced.</summary>
    public string PartInstall(string part) => Path.Combine(PartRoot(part), "install");

    /// <summary><c>parts/&lt;part&gt;/stage_packages</c>: stage-packages unpacked at pull.</summary>
    public string PartStagePackages(string part) => Path.Combine(PartRoot(part), "stage_packages");

    /// <summary><c>parts/&lt;part&gt;/state</c>: one file per finished step.</summary>
    public string PartState(string part) => Path.Combine(PartRoot(part), "state");

    /// <summary><c>parts/&lt;part&gt;/run</c>: generated scripts, logs and the craftctl FIFOs.</summary>
    public string PartRun(string part) => Path.Combine(PartRoot(part), "run");

    /// <summary>The state file of a step (<paramref name="step"/> as the lifecycle names it: pull, build, stage, prime).</summary>
    public string StateFile(string part, string step) => Path.Combine(PartState(part), step + ".json");

    /// <summary>The generated script of a step.</summary>
    public string StepScript(string part, string step) => Path.Combine(PartRun(part), step + ".sh");

    /// <summary>The whole output of a step's script.</summary>
    public string StepLog(string part, string step) => Path.Combine(PartRun(part), step + ".log");

    /// <summary>The part's <c>environment.sh</c>, which step scripts and shells source.</summary>
    public string EnvironmentScript(string part) => Path.Combine(PartRun(part), "environment.sh");

    /// <summary>The directory of the FIFOs craftctl talks through.</summary>
    public string CraftCtlDirectory(string part) => Path.Combine(PartRun(part), "ctl");
}
