using Cairn.Daemon;

namespace Cairn.Pebble.Cli;

/// <summary>Options of <c>pebble run</c> and <c>pebble enter</c>, parsed as upstream does (including <c>--args ... ;</c>).</summary>
internal sealed class RunOptions
{
    public bool CreateDirs { get; set; }
    public bool Hold { get; set; }
    public bool Verbose { get; set; }
    public bool Run { get; set; }
    public string? Http { get; set; }

    /// <summary>
    /// Upstream's verbose mode: <c>-v</c>/<c>--verbose</c> or <c>PEBBLE_VERBOSE=1</c>. Besides copying service output
    /// it keeps <c>enter</c>'s short-lived subcommands (plan, services, version) from silencing the daemon's log.
    /// </summary>
    public bool IsVerbose(string? pebbleVerbose) => Verbose || pebbleVerbose == "1";

    /// <summary>
    /// Whether service output is copied to stdout. Unlike upstream (only when verbose) this is on by default, so
    /// <c>docker logs</c> shows the app; <c>PEBBLE_VERBOSE=0</c> turns it off unless <c>-v</c> is given.
    /// </summary>
    public bool CopiesServiceOutput(string? pebbleVerbose) => Verbose || pebbleVerbose != "0";

    /// <summary>Service name to the arguments that replace its <c>[ ... ]</c> defaults, in the order given.</summary>
    public List<(string Service, List<string> Args)> ServiceArgs { get; } = [];

    /// <summary>For <c>enter</c>: the subcommand and its arguments (empty: behave like run).</summary>
    public List<string> Subcommand { get; } = [];

    /// <summary>
    /// Parses <paramref name="args"/>. Each <c>--args</c> takes every following token up to a lone <c>;</c>.
    /// For <c>enter</c> the first non-option starts the subcommand; for <c>run</c> it is an error.
    /// Throws <see cref="UsageException"/>.
    /// </summary>
    public static RunOptions Parse(IReadOnlyList<string> args, bool enter)
    {
        var o = new RunOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--create-dirs": o.CreateDirs = true; break;
                case "--hold": o.Hold = true; break;
                case "-v" or "--verbose": o.Verbose = true; break;
                case "--run" when enter: o.Run = true; break;
                case "--http":
                    if (i + 1 >= args.Count) throw new UsageException("expected argument for flag `--http'");
                    o.Http = args[++i];
                    break;
                case "--args":
                    {
                        var collected = new List<string>();
                        while (i + 1 < args.Count && args[i + 1] != ";") collected.Add(args[++i]);
                        if (i + 1 < args.Count) i++;
                        if (collected.Count == 0) throw new UsageException("--args requires a service name");
                        var service = collected[0];
                        if (o.ServiceArgs.Any(s => s.Service == service)) throw new UsageException($"--args provided more than once for \"{service}\" service");
                        o.ServiceArgs.Add((service, collected[1..]));
                        break;
                    }

                default:
                    if (a.StartsWith("--http=", StringComparison.Ordinal))
                    {
                        o.Http = a["--http=".Length..];
                        break;
                    }

                    if (a.StartsWith('-')) throw new UsageException($"unknown flag `{a.TrimStart('-')}'");
                    if (!enter) throw new UsageException("too many arguments for command");
                    o.Subcommand.AddRange(args.Skip(i));
                    return o;
            }
        }

        return o;
    }
}
