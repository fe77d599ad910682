using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cairn.Sandbox;
using Cairn.Sandbox.Packages;

namespace Cairn.Build.Packing;

/// <summary>
/// The rock's bill of materials as an SPDX 2.3 JSON document (docs/sbom.md): the rock as a package that CONTAINS
/// each Debian package and each Python distribution in it. Deterministic: fields in a fixed order, packages sorted,
/// the time SOURCE_DATE_EPOCH's, and the namespace a hash of the rest of the document.
/// </summary>
public static partial class SpdxDocument
{
    /// <summary>Where the document is in the rock (beside <see cref="RockMetadata.Path"/>).</summary>
    public const string PathInRock = ".rock/sbom.spdx.json";

    /// <summary>Appended to a <c>.rock</c>'s name (without <c>.rock</c>) for the copy written beside it.</summary>
    public const string FileSuffix = ".spdx.json";

    private const string NoAssertion = "NOASSERTION";
    private const string RockId = "SPDXRef-Rock";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Package names such as libstdc++6 stay readable; the document is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="name">The document's name: the rock's file name without <c>.rock</c>.</param>
    /// <param name="distro">The Ubuntu release the Debian packages are from, as package URLs name it (<c>ubuntu-24.04</c>).</param>
    public static string Render(string name, RockIdentity rock, string distro, DateTimeOffset created, RockContents contents)
    {
        // The namespace must differ between documents and be equal for equal ones: a hash of the document itself.
        var draft = Write(name, rock, distro, created, contents, null);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(draft)))[..32];
        return Write(name, rock, distro, created, contents, $"https://cairn.invalid/spdx/{Uri.EscapeDataString(name)}-{hash}");
    }

    private static string Write(string name, RockIdentity rock, string distro, DateTimeOffset created, RockContents contents, string? documentNamespace)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("spdxVersion", "SPDX-2.3");
            json.WriteString("dataLicense", "CC0-1.0");
            json.WriteString("SPDXID", "SPDXRef-DOCUMENT");
            json.WriteString("name", name);
            json.WriteString("documentNamespace", documentNamespace ?? "");
            json.WriteStartObject("creationInfo");
            json.WriteString("created", created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("creators");
            json.WriteStringValue("Tool: cairn");
            json.WriteEndArray();
            json.WriteEndObject();

            var ids = new List<string>();
            json.WriteStartArray("packages");
            WritePackage(json, RockId, rock.Name, rock.Version, LicenseOrNoAssertion(rock.License), "CONTAINER", null, null, null);
            foreach (var package in contents.Debian)
            {
                var id = UniqueId(ids, "SPDXRef-deb-" + package.Name);
                var control = DebianControl.Parse(package.Control ?? "");
                var source = control?["Source"];
                var purl = DebianPurl(package, distro, source?.Split(' ')[0]);
                var sourceInfo = source is null ? null : $"built from the Debian source package {source}";
                var comment = package.Slices.Count == 0 ? null
                    : package.Cut ? $"cut to the chisel slices: {string.Join(", ", package.Slices)}"
                    : $"the whole package, for the chisel slices: {string.Join(", ", package.Slices)}";
                WritePackage(json, id, package.Name, package.Version, SpdxLicenses.FromDebian(package.License) ?? NoAssertion, null, purl, sourceInfo, comment,
                    control?["Description"]?.Split('\n')[0]);
            }

            foreach (var distribution in contents.Python)
            {
                var id = UniqueId(ids, "SPDXRef-pypi-" + distribution.NormalizedName);
                WritePackage(json, id, distribution.Name, distribution.Version, distribution.License ?? NoAssertion, "LIBRARY",
                    $"pkg:pypi/{PurlEscape(distribution.NormalizedName)}@{PurlEscape(distribution.Version)}", null, null);
            }

            json.WriteEndArray();

            json.WriteStartArray("relationships");
            WriteRelationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", RockId);
            foreach (var id in ids) WriteRelationship(json, RockId, "CONTAINS", id);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WritePackage(Utf8JsonWriter json, string id, string name, string version, string license, string? purpose,
        string? purl, string? sourceInfo, string? comment, string? summary = null)
    {
        json.WriteStartObject();
        json.WriteString("SPDXID", id);
        json.WriteString("name", name);
        json.WriteString("versionInfo", version);
        json.WriteString("downloadLocation", NoAssertion);
        json.WriteBoolean("filesAnalyzed", false);
        json.WriteString("licenseConcluded", NoAssertion);
        json.WriteString("licenseDeclared", license);
        json.WriteString("copyrightText", NoAssertion);
        if (summary is { Length: > 0 }) json.WriteString("summary", summary);
        if (sourceInfo is not null) json.WriteString("sourceInfo", sourceInfo);
        if (comment is not null) json.WriteString("comment", comment);
        if (purpose is not null) json.WriteString("primaryPackagePurpose", purpose);
        if (purl is not null)
        {
            json.WriteStartArray("externalRefs");
            json.WriteStartObject();
            json.WriteString("referenceCategory", "PACKAGE-MANAGER");
            json.WriteString("referenceType", "purl");
            json.WriteString("referenceLocator", purl);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string element, string type, string related)
    {
        json.WriteStartObject();
        json.WriteString("spdxElementId", element);
        json.WriteString("relationshipType", type);
        json.WriteString("relatedSpdxElement", related);
        json.WriteEndObject();
    }

    /// <summary>
    /// A package URL for a Debian package: qualifiers in key order, <c>upstream</c> naming the source package when
    /// it is another, which is how vulnerability databases that track source packages find it.
    /// </summary>
    public static string DebianPurl(StagedPackage package, string distro, string? source)
    {
        var purl = $"pkg:deb/ubuntu/{PurlEscape(package.Name)}@{PurlEscape(package.Version)}?arch={PurlEscape(package.Architecture)}&distro={PurlEscape(distro)}";
        return source is { Length: > 0 } && source != package.Name ? $"{purl}&upstream={PurlEscape(source)}" : purl;
    }

    /// <summary>Percent-encodes all but the characters a package URL never needs to encode (an epoch's ':' and '+' are).</summary>
    private static string PurlEscape(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'~') builder.Append((char)b);
            else builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>An SPDX identifier allows letters, digits, '.' and '-': others become '-', and a clash gets a number.</summary>
    private static string UniqueId(List<string> taken, string wanted)
    {
        var id = IdCharacters().Replace(wanted, "-");
        var unique = id;
        for (var n = 2; taken.Contains(unique); n++) unique = $"{id}-{n}";
        taken.Add(unique);
        return unique;
    }

    private static string LicenseOrNoAssertion(string? license) =>
        license is { } l && SpdxLicenses.IsExpression(l) ? l : NoAssertion;

    [GeneratedRegex("[^A-Za-z0-9.-]")]
    private static partial Regex IdCharacters();
}
