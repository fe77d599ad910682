using System.Buffers.Binary;
using System.Text;

namespace Cairn.StatsdExporter.Tests;

/// <summary>
/// What a 64-bit little-endian ELF executable asks of the dynamic loader: the shared libraries of its dynamic section
/// (<c>DT_NEEDED</c>) and the symbol versions it requires (<c>.gnu.version_r</c>, e.g. <c>GLIBC_2.34</c>). Read here
/// rather than with readelf so the test needs no tool and judges the file itself.
/// </summary>
public sealed record ElfLinkage(IReadOnlyList<string> Needed, IReadOnlyList<string> RequiredVersions)
{
    private const uint SectionDynamic = 6;
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const long TagNeeded = 1;
    private static readonly byte[] Magic = [0x7f, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>The highest <c>GLIBC_x.y</c> version required, or null when none is.</summary>
    public Version? HighestGlibc => RequiredVersions
        .Where(v => v.StartsWith("GLIBC_", StringComparison.Ordinal) && char.IsAsciiDigit(v[6]))
        .Select(v => Version.Parse(v["GLIBC_".Length..]))
        .Max();

    /// <summary>Reads the linkage of the ELF file at <paramref name="path"/>.</summary>
    public static ElfLinkage Read(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || !elf.AsSpan(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException($"{path} is not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");

        var sections = Sections(elf);
        var needed = new List<string>();
        var versions = new List<string>();
        foreach (var s in sections)
        {
            if (s.Type == SectionDynamic)
            {
                var strings = sections[(int)s.Link];
                for (var at = s.Offset; at + 16 <= s.Offset + s.Size; at += 16)
                {
                    if (I64(elf, at) == TagNeeded)
                        needed.Add(CString(elf, strings.Offset + (long)U64(elf, at + 8)));
                }
            }
            else if (s.Type == SectionVersionNeeds)
            {
                // Verneed entries (one per library), each with a chain of Vernaux entries (one per version name).
                var strings = sections[(int)s.Link];
                var need = s.Offset;
                for (var i = 0; i < s.Info; i++)
                {
                    var auxCount = U16(elf, need + 2);
                    var aux = need + U32(elf, need + 8);
                    for (var j = 0; j < auxCount; j++)
                    {
                        versions.Add(CString(elf, strings.Offset + U32(elf, aux + 8)));
                        aux += U32(elf, aux + 12);
                    }

                    need += U32(elf, need + 12);
                }
            }
        }

        return new ElfLinkage(needed, versions);
    }

    private static List<Section> Sections(byte[] elf)
    {
        var tableOffset = (long)U64(elf, 0x28);
        var entrySize = U16(elf, 0x3a);
        var count = U16(elf, 0x3c);
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var at = tableOffset + (i * entrySize);
            sections.Add(new Section(U32(elf, at + 4), (long)U64(elf, at + 0x18), (long)U64(elf, at + 0x20), U32(elf, at + 0x28), U32(elf, at + 0x2c)));
        }

        return sections;
    }

    private static string CString(byte[] elf, long at)
    {
        var end = Array.IndexOf(elf, (byte)0, (int)at);
        return Encoding.ASCII.GetString(elf, (int)at, end - (int)at);
    }

    private static ushort U16(byte[] elf, long at) => BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)at));

    private static uint U32(byte[] elf, long at) => BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan((int)at));

    private static ulong U64(byte[] elf, long at) => BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan((int)at));

    private static long I64(byte[] elf, long at) => BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan((int)at));

    private readonly record struct Section(uint Type, long Offset, long Size, uint Link, uint Info);
}
