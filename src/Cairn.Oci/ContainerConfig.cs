using System.Text.Json.Serialization;
using Cairn.Oci.Json;

namespace Cairn.Oci;

/// <summary>
/// The <c>config</c> object of an image configuration: how to run a container
/// (https://github.com/opencontainers/image-spec/blob/v1.1.0/config.md#properties). Null members are left out;
/// an empty <see cref="Cmd"/> list is written as <c>[]</c> because "no arguments" differs from "inherit".
/// </summary>
public sealed record ContainerConfig
{
    /// <summary>User (name or uid, optionally <c>:group</c>) the process runs as.</summary>
    [JsonPropertyName("User")]
    public string? User { get; init; }

    /// <summary>Ports to expose, <c>port/tcp</c> or <c>port/udp</c>; written as a sorted set (object of empty objects).</summary>
    [JsonPropertyName("ExposedPorts")]
    [JsonConverter(typeof(ObjectSetConverter))]
    public IReadOnlyList<string>? ExposedPorts { get; init; }

    /// <summary>Environment, <c>NAME=value</c>, in order.</summary>
    [JsonPropertyName("Env")]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>The command the container runs.</summary>
    [JsonPropertyName("Entrypoint")]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Default arguments to the entrypoint.</summary>
    [JsonPropertyName("Cmd")]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Volume mount points; written as a sorted set.</summary>
    [JsonPropertyName("Volumes")]
    [JsonConverter(typeof(ObjectSetConverter))]
    public IReadOnlyList<string>? Volumes { get; init; }

    /// <summary>Working directory of the process.</summary>
    [JsonPropertyName("WorkingDir")]
    public string? WorkingDir { get; init; }

    /// <summary>Labels, written sorted by key.</summary>
    [JsonPropertyName("Labels")]
    [JsonConverter(typeof(SortedMapConverter))]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Signal that stops the container, e.g. <c>SIGTERM</c>.</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }
}
