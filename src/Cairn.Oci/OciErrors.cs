using Cairn.Diagnostics;

namespace Cairn.Oci;

/// <summary>
/// Every error <c>Cairn.Oci</c> reports, in one place so codes and wording stay together
/// (catalogued under "OCI" in docs/errors.md).
/// </summary>
public static class OciErrors
{
    /// <summary>CAIRN5001: two entries for one path that differ.</summary>
    public static CairnException ConflictingEntries(string path) => CairnException.User(
        OciErrorCodes.ConflictingEntries, $"cannot write layer: conflicting entries for '{path}'",
        "give each path once, or make the duplicates identical (kind, mode, owner, content, target)");

    /// <summary>CAIRN5002: an entry below a path that is not a directory.</summary>
    public static CairnException ParentNotDirectory(string path, string parent) => CairnException.User(
        OciErrorCodes.ParentNotDirectory, $"cannot write layer: '{path}' is inside '{parent}', which is not a directory in the layer");

    /// <summary>CAIRN5003: a path that cannot go into a tar archive.</summary>
    public static CairnException InvalidPath(string path, string why) => CairnException.User(
        OciErrorCodes.InvalidPath, $"cannot add '{path}' to a layer: {why}");

    /// <summary>CAIRN5004: a SOURCE_DATE_EPOCH that is not a number of seconds.</summary>
    public static CairnException InvalidSourceDateEpoch(string value) => CairnException.User(
        OciErrorCodes.InvalidSourceDateEpoch, $"cannot use SOURCE_DATE_EPOCH '{value}': it is not a whole number of seconds since 1970-01-01 UTC",
        "set it to e.g. $(git log -1 --format=%ct), or unset it to use 0");

    /// <summary>CAIRN5005: a tag that an OCI layout cannot carry.</summary>
    public static CairnException InvalidTag(string tag) => CairnException.User(
        OciErrorCodes.InvalidTag, $"cannot tag the image '{tag}': a tag is 1 to 128 characters of letters, digits, '_', '.' and '-', not starting with '.' or '-'");

    /// <summary>CAIRN5006: a file that cannot be read, or changed while it was read.</summary>
    public static CairnException UnreadableContent(string path, string why, Exception? inner = null) => CairnException.Environment(
        OciErrorCodes.UnreadableContent, $"cannot read the content of '{path}': {why}", "make sure nothing changes the files while the layer is written", inner);

    /// <summary>CAIRN5007: a base tar archive that cannot be read.</summary>
    public static CairnException UnreadableTar(string path, string why, Exception? inner = null) => CairnException.Environment(
        OciErrorCodes.UnreadableTar, $"cannot read tar archive '{path}': {why}", "remove the cached base root filesystem so it is made again", inner);

    /// <summary>CAIRN5008: an output that cannot be written.</summary>
    public static CairnException UnwritableOutput(string path, string why, Exception? inner = null) => CairnException.Environment(
        OciErrorCodes.UnwritableOutput, $"cannot write '{path}': {why}", "check that the directory exists, is writable and has free space", inner);

    /// <summary>CAIRN5009: an entry whose link target is missing or wrong.</summary>
    public static CairnException InvalidLink(string path, string why) => CairnException.User(
        OciErrorCodes.InvalidLink, $"cannot write layer: link '{path}' {why}");

    /// <summary>CAIRN5010: an OCI layout whose index cannot be read.</summary>
    public static CairnException InvalidLayout(string path, string why, Exception? inner = null) => CairnException.Environment(
        OciErrorCodes.InvalidLayout, $"cannot add an image to the OCI layout '{path}': {why}", "write to an empty or new directory", inner);
}
