namespace Cairn.Sandbox.Caching;

/// <summary>What a path in a part's tree is. Symbolic links are never followed, even to directories.</summary>
public enum EntryKind
{
    /// <summary>A regular file (or anything else that is neither a directory nor a link).</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,
}
