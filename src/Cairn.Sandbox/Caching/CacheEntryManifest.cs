namespace Cairn.Sandbox.Caching;

/// <summary>
/// What a cache entry is and what made it (<c>entry.json</c> inside the entry). Written last, before the
/// entry is renamed into place, so an entry without it is never trusted.
/// </summary>
/// <param name="Kind">base, environment, packages or wheelhouse.</param>
/// <param name="Description">For <c>cairn cache list</c>, e.g. "ubuntu@24.04 + python3-dev".</param>
/// <param name="Inputs">Everything that shaped the entry; the entry's key is their hash.</param>
/// <param name="SizeBytes">Bytes on disk when it was made.</param>
/// <param name="Created">When it was made.</param>
public sealed record CacheEntryManifest(
    string Kind, string Description, IReadOnlyDictionary<string, string> Inputs, long SizeBytes, DateTimeOffset Created);
