using Cairn.Diagnostics;

namespace Cairn.Bases;

/// <summary>
/// A rockcraft base (<c>ubuntu@24.04</c>, <c>bare</c>) and what cairn knows of it: the one table of bases, which
/// validation, the sandbox, the plugins and pack all read (docs/project-file.md lists them for users).
/// </summary>
public sealed record BaseName
{
    private BaseName(string name, string? suite, string? pythonVersion, string? pebblePath)
    {
        Name = name;
        Suite = suite;
        PythonVersion = pythonVersion;
        PebblePath = pebblePath;
    }

    /// <summary>The empty base: no root filesystem; its build environment comes from the build-base.</summary>
    public static BaseName Bare { get; } = new("bare", null, null, null);

    /// <summary>Every base cairn can build, <c>bare</c> first.</summary>
    public static IReadOnlyList<BaseName> All { get; } =
    [
        Bare,
        // Pebble is in /bin on 22.04 rocks and in /usr/bin from 24.04, where Rockcraft's entrypoint expects it.
        new("ubuntu@22.04", "jammy", "3.10", "bin/pebble"),
        new("ubuntu@24.04", "noble", "3.12", "usr/bin/pebble"),
    ];

    /// <summary>The bases a build can run in (every base but <c>bare</c>).</summary>
    public static IReadOnlyList<BaseName> BuildBases { get; } = [.. All.Where(b => !b.IsBare)];

    /// <summary>The names of <see cref="All"/>, for error hints and documentation.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. All.Select(b => b.Name)];

    /// <summary>The names of <see cref="BuildBases"/>.</summary>
    public static IReadOnlyList<string> KnownBuildBases { get; } = [.. BuildBases.Select(b => b.Name)];

    /// <summary>As written in rockcraft.yaml, e.g. <c>ubuntu@24.04</c>.</summary>
    public string Name { get; }

    /// <summary>The Ubuntu suite (<c>noble</c>); null for <c>bare</c>.</summary>
    public string? Suite { get; }

    /// <summary>The python3.X the release carries (<c>3.12</c> on 24.04); null for <c>bare</c>.</summary>
    public string? PythonVersion { get; }

    /// <summary>Where pebble is in a rock built on this base, without the leading '/'; null for <c>bare</c>.</summary>
    public string? PebblePath { get; }

    /// <summary>True for <c>bare</c>.</summary>
    public bool IsBare => Suite is null;

    /// <summary>The base called <paramref name="name"/>, or false when cairn does not know it.</summary>
    public static bool TryParse(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BaseName? value)
    {
        value = All.FirstOrDefault(b => b.Name == name);
        return value is not null;
    }

    /// <summary>Parses a base name; an unknown one is a CAIRN4003 user error listing the known ones.</summary>
    public static BaseName Parse(string name) =>
        TryParse(name, out var value)
            ? value
            : throw CairnException.User(
                BaseErrorCodes.UnknownBase, $"cannot use base '{name}': cairn does not know it", $"use one of: {string.Join(", ", Known)}");

    /// <inheritdoc />
    public override string ToString() => Name;
}
