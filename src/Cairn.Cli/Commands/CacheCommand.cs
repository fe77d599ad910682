using System.CommandLine;
using System.Globalization;
using Cairn.Sandbox.Caching;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn cache list</c> and <c>cairn cache prune</c>: the bases, build environments, downloaded packages,
/// wheelhouses and project builds cairn keeps under <c>$XDG_CACHE_HOME/cairn</c> (docs/sandbox.md, "Cache layout").
/// </summary>
public sealed class CacheCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build(CliContext context)
    {
        var command = new Command("cache", "List or prune the bases, build environments, packages and project builds cairn keeps");

        var list = new Command("list", "List the cache's entries: kind, size, last use, what they hold");
        list.SetAction(_ =>
        {
            var cache = CacheLayout.FromEnvironment(Environment.GetEnvironmentVariable);
            var entries = new CacheMaintenance(cache, TimeProvider.System).List();
            context.Error.WriteLine($"cache: {cache.Root}");
            context.Out.WriteLine($"{"KIND",-12} {"SIZE",9} {"LAST USED",-16} DESCRIPTION");
            foreach (var e in entries)
                context.Out.WriteLine($"{e.Kind,-12} {Size(e.SizeBytes),9} {e.LastUsed.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),-16} {e.Description}");
            return 0;
        });

        var all = new Option<bool>("--all") { Description = "Delete every entry (the next build makes what it needs again)" };
        var days = new Option<int>("--unused-days")
        {
            Description = "Delete entries no build has used for this many days",
            DefaultValueFactory = _ => 30,
        };
        var prune = new Command("prune", "Delete unused entries, the builds of projects that are gone, and what interrupted runs left behind") { all, days };
        prune.SetAction(parse =>
        {
            var cache = CacheLayout.FromEnvironment(Environment.GetEnvironmentVariable);
            var deleted = new CacheMaintenance(cache, TimeProvider.System).Prune(parse.GetValue(all) ? null : TimeSpan.FromDays(parse.GetValue(days)));
            foreach (var e in deleted)
                context.Out.WriteLine($"deleted {e.Kind} {e.Description} ({Size(e.SizeBytes)})");
            context.Error.WriteLine($"freed {Size(deleted.Sum(e => e.SizeBytes))}");
            return 0;
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(prune);
        return command;
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):F1} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):F1} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):F1} KiB",
        _ => $"{bytes} B",
    };
}
