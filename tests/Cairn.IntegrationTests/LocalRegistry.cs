using Cairn.TestKit;

namespace Cairn.IntegrationTests;

/// <summary>Debian's docker-registry (distribution) with a config of the test's own: plain HTTP on 127.0.0.1, storage in its directory.</summary>
public static class LocalRegistry
{
    /// <summary>The running registry; its <see cref="LocalDaemon.Address"/> is host:port, as an image reference names a registry.</summary>
    public static Task<LocalDaemon> StartAsync() => LocalDaemon.StartAsync("registry", (address, temp) =>
    {
        var config = temp.Write($"config-{address.Split(':')[1]}.yml", $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {temp.Combine("storage")}
            http:
              addr: {address}

            """);
        return (Tools.Require("docker-registry"), ["serve", config]);
    }, address => LocalDaemon.AnswersAsync($"http://{address}/v2/"));
}
