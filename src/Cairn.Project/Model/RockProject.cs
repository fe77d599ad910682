using Cairn.Bases;
using Cairn.Pebble.Plan;

namespace Cairn.Project.Model;

/// <summary>
/// A validated, extension-expanded <c>rockcraft.yaml</c> (upstream calls it Project; that name is taken here by the namespace). Unset optional keys are null (scalars) or empty (lists).
/// </summary>
public sealed record RockProject
{
    /// <summary>The rock's name (lowercase letters, digits, hyphens).</summary>
    public required string Name { get; init; }

    /// <summary>The human title; the name when not set.</summary>
    public required string Title { get; init; }

    /// <summary>The version, or null when unset (required to pack).</summary>
    public string? Version { get; init; }

    /// <summary>One-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; init; }

    /// <summary>An SPDX id in its canonical spelling, or <c>proprietary</c>; null when unset.</summary>
    public string? License { get; init; }

    /// <summary>The base: <c>bare</c>, <c>ubuntu@22.04</c> or <c>ubuntu@24.04</c>.</summary>
    public required string Base { get; init; }

    /// <summary>The build-base as written, or null when the user did not set one.</summary>
    public string? BuildBase { get; init; }

    /// <summary>The system the parts are built in: <see cref="BuildBase"/>, or <see cref="Base"/> when unset.</summary>
    public string EffectiveBuildBase => BuildBase ?? Base;

    /// <summary><see cref="Base"/> in the bases table; the model holds the name as written, for expand-extensions.</summary>
    public BaseName RunBase => BaseName.Parse(Base);

    /// <summary><see cref="EffectiveBuildBase"/> in the bases table.</summary>
    public BaseName BuildBaseName => BaseName.Parse(EffectiveBuildBase);

    /// <summary><c>_daemon_</c> or null (the image runs as root).</summary>
    public string? RunUser { get; init; }

    /// <summary>The platforms, expanded, in the order written.</summary>
    public IReadOnlyList<ProjectPlatform> Platforms { get; init; } = [];

    /// <summary>The Pebble services, read with Pebble's own schema (Cairn.Pebble.Plan), by name; empty when none.</summary>
    public IReadOnlyDictionary<string, Service> Services { get; init; } = new Dictionary<string, Service>();

    /// <summary>The Pebble checks, read with Pebble's own schema, by name; empty when none.</summary>
    public IReadOnlyDictionary<string, Check> Checks { get; init; } = new Dictionary<string, Check>();

    /// <summary>The service whose default arguments become the image's Cmd, or null.</summary>
    public string? EntrypointService { get; init; }

    /// <summary>A command that replaces Pebble as the image's entrypoint (its <c>[ ... ]</c> group becomes Cmd), or null.</summary>
    public string? EntrypointCommand { get; init; }

    /// <summary>The image's environment (OCI <c>Env</c>), in the order written.</summary>
    public IReadOnlyList<EnvironmentVariable> Environment { get; init; } = [];

    /// <summary>Extra apt repositories for build and stage packages.</summary>
    public IReadOnlyList<PackageRepository> PackageRepositories { get; init; } = [];

    /// <summary>The parts, user parts first, then the ones extensions added.</summary>
    public IReadOnlyList<PartDefinition> Parts { get; init; } = [];

    /// <summary>Optional informational keys (<c>contact</c>, <c>issues</c>, <c>source-code</c>, <c>adopt-info</c>) as written.</summary>
    public IReadOnlyDictionary<string, string> Informational { get; init; } = new Dictionary<string, string>();
}
