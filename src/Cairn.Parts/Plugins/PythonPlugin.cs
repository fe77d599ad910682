using Cairn.Bases;

namespace Cairn.Parts.Plugins;

/// <summary>
/// <c>python</c> as Rockcraft uses it on 22.04 and 24.04 build bases (its "python v1"): a venv made directly in the
/// install directory with the build environment's interpreter, pip installs of python-packages,
/// python-requirements and the project itself, then the fix-ups that let the venv run in the rock as
/// <c>/bin/python3</c>: shebangs, interpreter links, a sitecustomize that adds the venv's site-packages.
/// pip's index comes from the PIP_* variables the build environment passes through.
/// </summary>
public sealed class PythonPlugin : IPlugin
{
    private const string Requirements = "python-requirements";
    private const string Constraints = "python-constraints";
    private const string Packages = "python-packages";
    private static readonly string[] DefaultPackages = ["pip", "setuptools", "wheel"];
    private static readonly string[] ProjectFiles = ["pyproject.toml", "setup.py", "setup.cfg"];

    /// <inheritdoc/>
    public string Name => "python";

    /// <inheritdoc/>
    public bool RequiresSource => true;

    /// <inheritdoc/>
    public void Validate(PluginContext context)
    {
        PluginProperties.RejectUnknown(context, Name, Constraints, Packages, Requirements);
        var buildBase = context.Options.EffectiveBuildBase;
        if (!BaseName.TryParse(buildBase, out var known) || known.IsBare)
            throw PartsErrors.InvalidPluginProperty(context.Part.Name, Name,
                $"build base '{buildBase}' needs craft-parts' second python plugin, which cairn does not have yet (use {string.Join(" or ", BaseName.KnownBuildBases)})");
        if (context.GetBuildEnvironment("PARTS_PYTHON_INTERPRETER") is { } interpreter && interpreter.StartsWith('/'))
            throw PartsErrors.InvalidPluginProperty(context.Part.Name, Name,
                $"PARTS_PYTHON_INTERPRETER is an absolute path ('{interpreter}'); give a name such as python3.12, looked up on PATH");
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildPackages(PluginContext context) => ["findutils", "python3-dev", "python3-venv"];

    /// <inheritdoc/>
    public IReadOnlyList<KeyValuePair<string, string>> GetBuildEnvironment(PluginContext context) =>
    [
        new("PATH", context.Directories.Install + "/bin:${PATH}"),
        new("PARTS_PYTHON_INTERPRETER", "python3"),
        new("PARTS_PYTHON_VENV_ARGS", ""),
        // Bytecode written as a side effect (a staged standard library run by pip) would carry build paths and
        // times; the build compiles what the rock needs itself.
        new("PYTHONDONTWRITEBYTECODE", "1"),
    ];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetPullCommands(PluginContext context) => [];

    /// <inheritdoc/>
    public IReadOnlyList<string> GetBuildCommands(PluginContext context)
    {
        var install = ShellWords.Quote(context.Directories.Install);
        var stage = ShellWords.Quote(context.Directories.Stage);
        // pip's own bytecode would carry the install directory's path, which differs between checkouts; it is
        // compiled once below instead, for the paths the rock has.
        var constraints = " --no-compile" + string.Concat((context.Part.GetPluginProperty(Constraints) ?? []).Select(c => " -c " + ShellWords.Quote(c)));
        var packages = context.Part.GetPluginProperty(Packages) ?? DefaultPackages;
        var requirements = context.Part.GetPluginProperty(Requirements) ?? [];
        var isBare = context.Options.Base == BaseName.Bare.Name;
        var commands = new List<string>
        {
            "if [[ \"${PARTS_PYTHON_INTERPRETER}\" == /* ]]; then echo \"PARTS_PYTHON_INTERPRETER must be a name, not the path ${PARTS_PYTHON_INTERPRETER}\" >&2; exit 1; fi",
            $"\"${{PARTS_PYTHON_INTERPRETER}}\" -m venv ${{PARTS_PYTHON_VENV_ARGS}} {install}",
            $"PARTS_PYTHON_VENV_INTERP_PATH={install}/bin/\"${{PARTS_PYTHON_INTERPRETER}}\"",
        };
        if (packages.Count > 0)
            commands.Add($"{install}/bin/pip install{constraints} -U {string.Join(' ', packages.Select(ShellWords.Quote))}");
        if (requirements.Count > 0)
            commands.Add($"{install}/bin/pip install{constraints} -U {string.Join(' ', requirements.Select(r => "-r " + ShellWords.Quote(r)))}");
        commands.Add($"if [ -f setup.py ] || [ -f pyproject.toml ]; then {install}/bin/pip install{constraints} -U .; fi");

        // Bytecode for the rock, of the venv and of a staged standard library: source paths as the rock sees them
        // (/lib/pythonX.Y/...), validated by the source's hash rather than its build-time mtime, so the same project
        // gives the same bytes wherever it is built, and the rock never finds its bytecode stale (its files all carry
        // SOURCE_DATE_EPOCH). One process, in compileall's sorted order, with a fixed hash seed: marshal marks an
        // object shared when its reference count says so, which depends on what the process compiled before, and
        // set constants come out in hash order. The venv's packages and the staged standard library go to two such
        // processes side by side, one per core: each compiles a fixed list in a fixed order, so its bytes depend on
        // that list alone (the standard library's on the staged packages, not on the requirements); the
        // background one's status is the step's through wait. A pip install of a local directory records that
        // directory: meaningless in the rock.
        var compile = $"PYTHONHASHSEED=0 \"${{PARTS_PYTHON_VENV_INTERP_PATH}}\" -m compileall -q -f --invalidation-mode checked-hash -s {install} -p /";
        commands.Add($"{compile} {install}/lib & _cairn_compile=$!");
        commands.Add($"if ls -d {install}/usr/lib/python3* >/dev/null 2>&1; then {compile} $(ls -d {install}/usr/lib/python3*); fi");
        commands.Add("wait \"${_cairn_compile}\"");
        commands.Add($"find {install}/lib -path '*.dist-info/direct_url.json' -exec grep -q '\"url\": *\"file:' {{}} \\; -delete");

        // Scripts pip wrote (into the venv's bin) start with the venv's interpreter path, which does not exist in
        // the rock. Only bin: elsewhere the staged packages' binaries would be read and traced for nothing.
        commands.Add(
            $"find {install}/bin -type f -executable -print0 | while IFS= read -r -d '' f; do " +
            "IFS= read -r first < \"$f\" 2>/dev/null || true; " +
            $"if [[ \"$first\" == \"#!\"{install}/bin/python* ]]; then sed -i \"1s|.*|#!/bin/${{PARTS_PYTHON_INTERPRETER}}|\" \"$f\"; fi; done");
        // The scripts' RECORD rows still hash what pip wrote, the build directory's shebang included.
        commands.Add($"\"${{PARTS_PYTHON_VENV_INTERP_PATH}}\" - {install} <<'CAIRN_EOF'\n" + RecordFix + "CAIRN_EOF");
        // The activate scripts name the build directory; nothing in the rock can use them.
        commands.Add($"rm -f {install}/bin/activate {install}/bin/activate.csh {install}/bin/activate.fish {install}/bin/Activate.ps1");

        // The interpreter the rock runs: the one the venv points at, which the part (or an earlier part) must stage.
        commands.Add("_cairn_python=\"$(basename \"$(readlink -f \"${PARTS_PYTHON_VENV_INTERP_PATH}\")\")\"");
        commands.Add("_cairn_payload=\"\"");
        commands.Add($"for d in {install}/usr/bin {stage}/usr/bin; do if [ -f \"$d/${{_cairn_python}}\" ] && [ -x \"$d/${{_cairn_python}}\" ]; then _cairn_payload=\"$d/${{_cairn_python}}\"; break; fi; done");
        commands.Add("if [ -z \"${_cairn_payload}\" ]; then echo \"no suitable Python interpreter: ${_cairn_python} is not in the part's or the stage's usr/bin; stage it with stage-packages (python3-venv, or pythonX.Y-venv_ensurepip on bare)\" >&2; exit 1; fi");
        // The base's /bin -> usr/bin link (bare gets one too: docs/decisions.md) puts the staged usr/bin/pythonX.Y
        // at /bin/pythonX.Y, so the venv's own link to the build environment's interpreter goes.
        commands.Add($"rm -f {install}/bin/python*");
        if (isBare)
        {
            // Ubuntu bases have /usr/bin/python3; on bare the staged pythonX.Y is the only interpreter.
            commands.Add($"for l in python python3 \"${{PARTS_PYTHON_INTERPRETER}}\"; do if [ \"$l\" != \"${{_cairn_python}}\" ]; then ln -sf \"${{_cairn_python}}\" {install}/bin/\"$l\"; fi; done");
        }

        commands.Add($"_cairn_site={install}/usr/lib/\"${{_cairn_python}}\"");
        commands.Add("mkdir -p \"${_cairn_site}\"");
        // Ubuntu's python ships sitecustomize.py as a symlink into /etc: replace the link, never write through it.
        commands.Add("rm -f \"${_cairn_site}/sitecustomize.py\"");
        commands.Add("cat > \"${_cairn_site}/sitecustomize.py\" <<'CAIRN_EOF'\n" + SiteCustomize + "CAIRN_EOF");
        commands.Add($"rm -f {install}/pyvenv.cfg");
        return commands;
    }

    // Written into usr/lib/pythonX.Y: the system interpreter imports it at start-up and so sees the venv's packages,
    // ahead of the distribution's own dist-packages.
    private const string SiteCustomize =
        """
        # Added by cairn's python plugin: make the packages installed in /lib/pythonX.Y/site-packages importable.
        import site
        import sys

        _venv_site = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
        site.addsitedir(_venv_site)
        _dist = "/usr/lib/python3/dist-packages"
        if _dist in sys.path and _venv_site in sys.path and sys.path.index(_dist) < sys.path.index(_venv_site):
            sys.path.remove(_venv_site)
            sys.path.insert(sys.path.index(_dist), _venv_site)

        """;

    // Rewrites the hash and size of each RECORD row naming a file in the venv's bin, keeping pip's CSV dialect.
    private const string RecordFix =
        """
        import base64, csv, hashlib, os, sys

        install = sys.argv[1]
        bin_dir = os.path.join(install, "bin") + os.sep
        for directory, _, files in os.walk(os.path.join(install, "lib")):
            if not directory.endswith(".dist-info") or "RECORD" not in files:
                continue
            record = os.path.join(directory, "RECORD")
            with open(record, newline="") as f:
                text = f.read()
            rows = list(csv.reader(text.splitlines()))
            for row in rows:
                path = os.path.normpath(os.path.join(os.path.dirname(directory), row[0]))
                if len(row) == 3 and row[1] and path.startswith(bin_dir) and os.path.isfile(path) and not os.path.islink(path):
                    with open(path, "rb") as f:
                        data = f.read()
                    row[1] = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                    row[2] = str(len(data))
            with open(record, "w", newline="") as f:
                csv.writer(f, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)

        """;

    /// <inheritdoc/>
    public Func<string, bool>? GetSourceFilter(PluginContext context, string sourceDirectory)
    {
        var subdir = string.IsNullOrEmpty(context.Part.SourceSubdir) ? "" : context.Part.SourceSubdir.Trim('/') + "/";
        if (ProjectFiles.Any(f => File.Exists(Path.Combine(sourceDirectory, subdir, f))))
            return null; // pip installs the project itself: every file can matter.
        var relevant = (context.Part.GetPluginProperty(Requirements) ?? [])
            .Concat(context.Part.GetPluginProperty(Constraints) ?? [])
            .Select(p => Path.GetRelativePath(sourceDirectory, Path.GetFullPath(Path.Combine(sourceDirectory, subdir, p))).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        return rel => relevant.Contains(rel) || relevant.Any(r => r.StartsWith(rel + "/", StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    public void AfterPrime(PluginContext context, IReadOnlyCollection<string> primedPaths)
    {
        // On 24.04 the venv's lib64 -> lib link would shadow the base's /lib64 -> usr/lib64 (Rockcraft removes it too).
        if (context.Options.EffectiveBuildBase != "ubuntu@24.04" || !primedPaths.Contains("lib64")) return;
        var lib64 = Path.Combine(context.Directories.Prime, "lib64");
        if (new FileInfo(lib64).LinkTarget == "lib") File.Delete(lib64);
    }
}
