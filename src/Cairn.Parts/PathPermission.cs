namespace Cairn.Parts;

/// <summary>
/// The owner, group and mode a primed path must have in the rock, as the parts' <c>permissions</c> say.
/// Recorded rather than applied to the disk, so a build without root can still give files to uid 584792;
/// the pack plan reads these. A null field means "as on disk".
/// </summary>
/// <param name="Path">Relative to prime, '/'-separated.</param>
public sealed record PathPermission(string Path, int? Owner, int? Group, int? Mode);
