using System.Text.RegularExpressions;
using Cairn.Bases;
using Cairn.Project.Model;
using Cairn.Project.Validation;
using Cairn.Project.Yaml;
using YamlDotNet.RepresentationModel;
using static Cairn.Project.Yaml.YamlNodes;

namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// The <c>flask-framework</c> extension (docs/project-file.md, "The flask-framework extension"): checks the project, finds its WSGI application, and adds the
/// parts, services and run-user that serve it with gunicorn under Pebble, with metrics through statsd_exporter.
/// </summary>
public sealed partial class FlaskFramework : IProjectExtension
{
    /// <summary>The shared non-root user the app runs as, and its uid/gid.</summary>
    public const string RunUser = "_daemon_";

    private const string Uid = "584792";

    /// <summary>Where the app's files go in the image.</summary>
    public const string AppDirectory = "flask/app";

    /// <summary>The gunicorn requirement cairn adds when the project does not name gunicorn itself (no upper pin).</summary>
    public const string Gunicorn = "gunicorn>=20.1";

    /// <summary>The project files shipped when the user gives no prime list, if they exist.</summary>
    public static readonly IReadOnlyList<string> DefaultAppFiles =
        ["app", "app.py", "main.py", "src", "migrate", "migrate.sh", "migrate.py", "static", "templates"];

    private static readonly string[] NeverShipped = ["node_modules", ".git", ".yarn"];

    /// <inheritdoc/>
    public string Name => "flask-framework";

    /// <inheritdoc/>
    public IReadOnlyList<string> SupportedBases => BaseName.Known;

    /// <inheritdoc/>
    public RockLayer LayerOf(string part) => part switch
    {
        // The app changes on every edit; the exporter and the config files with cairn; the rest with the requirements.
        "flask-framework/install-app" => RockLayer.App,
        "flask-framework/statsd-exporter" or "flask-framework/config-files" or "flask-framework/logging" => RockLayer.Rock,
        _ => RockLayer.Packages,
    };

    [GeneratedRegex("^-? *flask/app")]
    private static partial Regex PrimeEntry();

    /// <inheritdoc/>
    public YamlMappingNode Apply(YamlMappingNode document, ExtensionContext context)
    {
        var project = context.Project;
        var dependencies = ReadDependencies(context);
        var userCommand = Get(document, "services") is YamlMappingNode services
            && Get(services, "flask") is YamlMappingNode flask && Get(flask, "command") is { } command && !IsNull(command);
        string? entrypoint = null;
        if (!userCommand)
            entrypoint = FindEntrypoint(context);
        var userPrime = UserPrime(document, context);

        var worker = dependencies.Contains("gevent") ? "gevent" : "sync";
        var result = (YamlMappingNode)Clone(document);
        result.Children.Remove(new YamlScalarNode("extensions"));
        result.Children[new YamlScalarNode("run-user")] = SnippetMerge.Merge(Get(result, "run-user"), Plain(RunUser));
        result.Children[new YamlScalarNode("services")] = SnippetMerge.Merge(Get(result, "services"), Services(entrypoint, worker));
        result.Children[new YamlScalarNode("checks")] = SnippetMerge.Merge(Get(result, "checks"), Checks(Get(document, "checks") as YamlMappingNode));
        var userPackages = Get(document, "parts") is YamlMappingNode userParts
            && Get(userParts, "flask-framework/dependencies") is YamlMappingNode userDeps
            && Get(userDeps, "python-packages") is YamlSequenceNode packages
                ? packages.Children.OfType<YamlScalarNode>().Select(s => Requirements.NameOf(s.Value ?? "")).OfType<string>()
                : [];
        var addGunicorn = !dependencies.Contains("gunicorn") && !userPackages.Contains("gunicorn");
        result.Children[new YamlScalarNode("parts")] = SnippetMerge.Merge(Get(result, "parts"), Parts(project.Base, project.EffectiveBuildBase, context.ProjectDirectory, userPrime, addGunicorn));
        return result;
    }

    private static HashSet<string> ReadDependencies(ExtensionContext context)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var requirements = Path.Combine(context.ProjectDirectory, "requirements.txt");
        var pyproject = Path.Combine(context.ProjectDirectory, "pyproject.toml");
        if (!File.Exists(requirements) && !File.Exists(pyproject))
        {
            context.Problems.Add(ProjectErrorCodes.FlaskProject, context.Declaration,
                "cannot use the flask-framework extension: the project has no requirements file (requirements.txt or pyproject.toml)",
                "add a requirements.txt beside rockcraft.yaml that lists flask (one requirement per line)");
            return names;
        }

        if (File.Exists(requirements))
            names.UnionWith(Requirements.FromRequirementsTxt(ProjectFiles.Read(requirements, context.DisplayPath("requirements.txt"))));
        if (File.Exists(pyproject))
            names.UnionWith(Requirements.FromPyProject(ProjectFiles.Read(pyproject, context.DisplayPath("pyproject.toml"))));
        if (!names.Contains("flask"))
        {
            var where = File.Exists(requirements) ? "requirements.txt" : "pyproject.toml";
            context.Problems.Add(ProjectErrorCodes.FlaskProject, context.Declaration,
                $"cannot use the flask-framework extension: flask is not among the dependencies in {where}",
                File.Exists(requirements) ? "add a line 'flask' to requirements.txt" : "add \"flask\" to [project].dependencies in pyproject.toml");
        }

        return names;
    }

    private static string? FindEntrypoint(ExtensionContext context)
    {
        var found = WsgiEntrypoint.Find(context.ProjectDirectory, context.Project.Name, out var error);
        if (error is { } e)
        {
            context.Problems.Add(new Cairn.Diagnostics.Diagnostic(ProjectErrorCodes.PythonSyntax,
                $"cannot parse {e.File}: {e.Error.Message}",
                new Cairn.Diagnostics.SourceLocation(context.DisplayPath(e.File), e.Error.Line, e.Error.Column),
                "fix the Python syntax error: the flask-framework extension reads this file to find the WSGI application"));
        }
        else if (found is null)
        {
            context.Problems.Add(ProjectErrorCodes.FlaskProject, context.Declaration,
                "cannot find the WSGI entrypoint: no module-level 'app' or 'application' and no create_app() or make_app() in app.py, main.py, or __init__.py, app.py or main.py under "
                + EnglishList.Join(WsgiEntrypoint.Directories(context.Project.Name).Select(d => d + "/").ToList(), "or"),
                "define 'app = Flask(__name__)' in app.py, or set services.flask.command yourself");
        }

        return found;
    }

    /// <summary>The user's prime list of install-app, checked; empty when not set.</summary>
    private static List<string> UserPrime(YamlMappingNode document, ExtensionContext context)
    {
        var result = new List<string>();
        if (Get(document, "parts") is not YamlMappingNode parts
            || Get(parts, "flask-framework/install-app") is not YamlMappingNode part
            || Get(part, "prime") is not YamlSequenceNode prime)
            return result;
        foreach (var entry in prime.Children.OfType<YamlScalarNode>())
        {
            var value = entry.Value ?? "";
            if (!PrimeEntry().IsMatch(value))
            {
                context.Problems.Add(ProjectErrorCodes.InstallAppPrime, entry,
                    $"cannot use prime entry '{value}' of part 'flask-framework/install-app': each entry must start with 'flask/app'",
                    $"write 'flask/app/{value.TrimStart('-', ' ')}' (or '- flask/app/...' to leave it out)");
            }

            result.Add(value);
        }

        return result;
    }

    /// <summary>The check that restarts gunicorn when it no longer listens (level alive).</summary>
    public const string AliveCheck = "flask-alive";

    /// <summary>The check that says whether gunicorn accepts connections (level ready).</summary>
    public const string ReadyCheck = "flask-ready";

    /// <summary>
    /// gunicorn's graceful timeout (its default, 30 s): how long it lets in-flight requests finish after SIGTERM. The
    /// flask service's kill-delay matches it, so pebble does not cut them short (upstream leaves Pebble's 5 s).
    /// </summary>
    public const string GracefulTimeout = "30s";

    private static YamlMappingNode Services(string? entrypoint, string worker)
    {
        var flask = Map(
            ("override", Plain("replace")),
            ("startup", Plain("enabled")),
            ("after", Strings(["statsd-exporter"])),
            ("user", Plain(RunUser)),
            ("kill-delay", Plain(GracefulTimeout)),
            ("on-check-failure", Map((AliveCheck, Plain("restart")))));
        if (entrypoint is not null)
            flask.Add("command", Text($"/bin/python3 -m gunicorn -c /flask/gunicorn.conf.py '{entrypoint}' -k [ {worker} ]"));
        var exporter = Map(
            ("override", Plain("merge")),
            ("command", Text("/bin/statsd_exporter --statsd.mapping-config=/statsd-mapping.conf --statsd.listen-udp=localhost:9125 --statsd.listen-tcp=localhost:9125")),
            ("summary", Text("statsd exporter service")),
            ("startup", Plain("enabled")),
            ("user", Plain(RunUser)));
        return Map(("flask", flask), ("statsd-exporter", exporter));
    }

    /// <summary>
    /// Checks upstream's extension does not add (docs/decisions.md), both on gunicorn's port: alive while gunicorn
    /// listens (three failures in a row restart the flask service), ready while it accepts connections now. A TCP
    /// connection, not an HTTP request: probes would otherwise count in the app's request metrics every few seconds,
    /// and an app without a route for "/" would never be ready. gunicorn restarts hung workers itself.
    /// </summary>
    /// <remarks>
    /// A user's check of the same name merges onto the extension's, or, with <c>override: replace</c>, takes its place
    /// whole, as a later Pebble layer would.
    /// </remarks>
    private static YamlMappingNode Checks(YamlMappingNode? user)
    {
        var alive = Map(
            ("override", Plain("replace")),
            ("level", Plain("alive")),
            ("period", Plain("10s")),
            ("threshold", Plain("3")),
            ("tcp", Map(("port", Plain("8000")))));
        var ready = Map(
            ("override", Plain("replace")),
            ("level", Plain("ready")),
            ("period", Plain("5s")),
            ("threshold", Plain("1")),
            ("tcp", Map(("port", Plain("8000")))));
        var checks = Map((AliveCheck, alive), (ReadyCheck, ready));
        foreach (var name in new[] { AliveCheck, ReadyCheck })
        {
            if (user is not null && Get(user, name) is YamlMappingNode own && Get(own, "override") is YamlScalarNode { Value: "replace" })
                checks.Children.Remove(new YamlScalarNode(name));
        }

        return checks;
    }

    private static YamlMappingNode Parts(string baseName, string buildBase, string projectDirectory, List<string> userPrime, bool addGunicorn)
    {
        var bare = baseName == BaseName.Bare.Name;
        var python = BaseName.TryParse(buildBase, out var build) ? build.PythonVersion ?? "3" : "3";
        var hasRequirementsTxt = File.Exists(Path.Combine(projectDirectory, "requirements.txt"));

        var dependencies = Map(
            ("plugin", Plain("python")),
            ("stage-packages", Strings([bare ? $"python{python}-venv_ensurepip" : "python3-venv"])),
            ("source", Plain(".")),
            ("python-packages", Strings(addGunicorn ? [Gunicorn] : [])),
            ("python-requirements", Strings(hasRequirementsTxt ? ["requirements.txt"] : [])),
            ("build-environment", bare ? new YamlSequenceNode(Map(("PARTS_PYTHON_INTERPRETER", Text($"python{python}")))) : new YamlSequenceNode()));
        if (!bare)
            dependencies.Add("stage", Strings(["-etc/ssl/certs/ca-certificates.crt"]));

        var (organize, stage, prime) = InstallAppLayout(projectDirectory, userPrime);
        var installApp = Map(
            ("plugin", Plain("dump")),
            ("source", Plain(".")),
            ("organize", organize),
            ("stage", Strings(stage)),
            ("prime", Strings(prime)),
            ("permissions", new YamlSequenceNode(Map(("owner", Plain(Uid)), ("group", Plain(Uid))))));

        var configFiles = Map(
            ("plugin", Plain("dump")),
            ("source", Text(PayloadSources.FlaskFrameworkData)),
            ("organize", Map(("gunicorn.conf.py", Text("flask/gunicorn.conf.py")))),
            ("permissions", new YamlSequenceNode(Map(("path", Text("flask/gunicorn.conf.py")), ("owner", Plain(Uid)), ("group", Plain(Uid))))));

        // cairn's own exporter, prebuilt, instead of building the Go one (docs/decisions.md).
        var statsdExporter = Map(
            ("plugin", Plain("dump")),
            ("source", Text(PayloadSources.StatsdExporter)),
            ("source-type", Plain("file")),
            ("organize", Map(("statsd_exporter", Text("bin/statsd_exporter")))));

        var logging = Map(
            ("plugin", Plain("nil")),
            ("override-build", Text("craftctl default\nmkdir -p $CRAFT_PART_INSTALL/opt/promtail\nmkdir -p $CRAFT_PART_INSTALL/etc/promtail\nmkdir -p $CRAFT_PART_INSTALL/var/log/flask")),
            ("permissions", new YamlSequenceNode(
                Map(("path", Text("opt/promtail")), ("owner", Plain(Uid)), ("group", Plain(Uid))),
                Map(("path", Text("etc/promtail")), ("owner", Plain(Uid)), ("group", Plain(Uid))),
                // The one directory the app writes (gunicorn's logs when a charm points them there): owned by _daemon_ as
                // upstream's, but in group 0 with group write, so an arbitrary uid in group 0 (OpenShift) writes it too.
                Map(("path", Text("var/log/flask")), ("owner", Plain(Uid)), ("group", Plain("0")), ("mode", Text("775"))))));

        var runtime = bare
            ? Map(
                ("plugin", Plain("nil")),
                // install -d, not upstream's mkdir: a slice stands for its whole package here, so base-files (in the
                // closure) has already made tmp/, and mkdir would fail on it (docs/decisions.md).
                ("override-build", Text("install -d -m 777 ${CRAFT_PART_INSTALL}/tmp\nln -sf /usr/bin/bash ${CRAFT_PART_INSTALL}/usr/bin/sh")),
                ("stage-packages", Strings(["bash_bins", "coreutils_bins", "ca-certificates_data"])))
            : Map(("plugin", Plain("nil")), ("stage-packages", Strings(["ca-certificates_data"])));

        var parts = Map(
            ("flask-framework/dependencies", dependencies),
            ("flask-framework/install-app", installApp),
            ("flask-framework/config-files", configFiles),
            ("flask-framework/statsd-exporter", statsdExporter),
            ("flask-framework/logging", logging),
            ("flask-framework/runtime", runtime));
        if (bare)
            parts.Add("flask-framework/runtime-libs", Map(("plugin", Plain("nil")), ("stage-packages", Strings(["libstdc++6"]))));
        return parts;
    }

    /// <summary>
    /// The organize map, stage list and prime list of install-app. An include list (first entry without '-')
    /// organizes exactly its entries; otherwise every top-level entry of the project is organized under
    /// flask/app and the prime list (the user's excludes, or the default files) selects from them.
    /// </summary>
    public static (YamlMappingNode Organize, List<string> Stage, List<string> Prime) InstallAppLayout(string projectDirectory, IReadOnlyList<string> userPrime)
    {
        var prime = userPrime.Count > 0
            ? userPrime.ToList()
            : DefaultAppFiles.Where(f => Path.Exists(Path.Combine(projectDirectory, f))).Select(f => $"{AppDirectory}/{f}").ToList();
        var organize = new YamlMappingNode();
        if (prime.Count > 0 && !prime[0].StartsWith('-'))
        {
            foreach (var entry in prime)
                organize.Add(Text(Path.GetRelativePath(AppDirectory, entry)), Text(entry));
        }
        else
        {
            var entries = Directory.EnumerateFileSystemEntries(projectDirectory).Select(Path.GetFileName).OfType<string>()
                // pack's own outputs (a rock and the bill of materials beside it), as the parts' sources leave them out
                .Where(n => !NeverShipped.Contains(n) && !n.EndsWith(".rock", StringComparison.Ordinal) && !n.EndsWith(".spdx.json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var name in entries)
                organize.Add(Text(name), Text($"{AppDirectory}/{name}"));
        }

        var stage = organize.Children.Values.OfType<YamlScalarNode>().Select(v => v.Value ?? "").ToList();
        return (organize, stage, prime);
    }

    private static YamlMappingNode Map(params (string Key, YamlNode Value)[] entries)
    {
        var map = new YamlMappingNode();
        foreach (var (key, value) in entries)
            map.Add(key, value);
        return map;
    }
}
