using Cairn.Diagnostics;

namespace Cairn.Sandbox.Bases;

/// <summary>A rockcraft base (<c>ubuntu@24.04</c>, <c>bare</c>) and the Ubuntu suite it is made from.</summary>
public sealed record BaseName
{
    private static readonly Dictionary<string, string> Suites = new(StringComparer.Ordinal)
    {
        ["ubuntu@22.04"] = "jammy",
        ["ubuntu@24.04"] = "noble",
    };

    private BaseName(string name, string? suite)
    {
        Name = name;
        Suite = suite;
    }

    /// <summary>The empty base: no root filesystem; its build environment comes from the build-base.</summary>
    public static BaseName Bare { get; } = new("bare", null);

    /// <summary>The bases cairn can make, for error hints and documentation.</summary>
    public static IReadOnlyList<string> Known { get; } = ["bare", .. Suites.Keys];

    /// <summary>As written in rockcraft.yaml, e.g. <c>ubuntu@24.04</c>.</summary>
    public string Name { get; }

    /// <summary>The Ubuntu suite (<c>noble</c>); null for <c>bare</c>.</summary>
    public string? Suite { get; }

    /// <summary>True for <c>bare</c>.</summary>
    public bool IsBare => Suite is null;

    /// <summary>Parses a base name; an unknown one is a CAIRN4003 user error listing the known ones.</summary>
    public static BaseName Parse(string name)
    {
        if (name == Bare.Name)
            return Bare;
        if (Suites.TryGetValue(name, out var suite))
            return new BaseName(name, suite);
        throw CairnException.User(
            ErrorCodes.UnknownBase, $"cannot use base '{name}': cairn does not know it", $"use one of: {string.Join(", ", Known)}");
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
