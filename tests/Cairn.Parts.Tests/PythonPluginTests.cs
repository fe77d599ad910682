using Cairn.Diagnostics;
using Cairn.Parts.Plugins;
using Cairn.Parts.Tests.Fakes;
using Cairn.Sandbox.Caching;

namespace Cairn.Parts.Tests;

public class PythonPluginTests
{
    private static Part Dependencies(params KeyValuePair<string, IReadOnlyList<string>>[] properties) => new()
    {
        Name = "flask-framework/dependencies",
        Plugin = "python",
        Source = ".",
        PluginProperties = properties,
    };

    private static KeyValuePair<string, IReadOnlyList<string>> P(string key, params string[] values) => new(key, values);

    private static IReadOnlyList<string> Commands(LifecycleOptions options, Part part) =>
        new PythonPlugin().GetBuildCommands(new PluginContext(part, new PartDirectories(new WorkLayout(options.WorkDirectory), part), options));

    [Fact]
    public void BuildCommands_InstallPackagesRequirementsWithConstraints()
    {
        using var f = new LifecycleFixture();
        var commands = string.Join('\n', Commands(f.Options(), Dependencies(
            P("python-packages", "gunicorn>=20.1"), P("python-requirements", "requirements.txt"), P("python-constraints", "c.txt"))));
        var install = Path.Combine(f.Work, "parts/flask-framework/dependencies/install");

        Assert.Contains($"\"${{PARTS_PYTHON_INTERPRETER}}\" -m venv ${{PARTS_PYTHON_VENV_ARGS}} '{install}'", commands);
        Assert.Contains($"'{install}'/bin/pip install --no-compile -c 'c.txt' -U 'gunicorn>=20.1'", commands);
        Assert.Contains($"'{install}'/bin/pip install --no-compile -c 'c.txt' -U -r 'requirements.txt'", commands);
        var compile = $"PYTHONHASHSEED=0 \"${{PARTS_PYTHON_VENV_INTERP_PATH}}\" -m compileall -q -f --invalidation-mode checked-hash -s '{install}' -p /";
        Assert.Contains($"{compile} '{install}'/lib & _cairn_compile=$!", commands);
        Assert.Contains($"then {compile} $(ls -d '{install}'/usr/lib/python3*); fi", commands);
        Assert.Contains("wait \"${_cairn_compile}\"", commands);
        Assert.Contains($"rm -f '{install}'/bin/python*", commands);
        Assert.DoesNotContain("ln -sf", commands);
    }

    [Fact]
    public void BuildCommands_DefaultPackagesAndBareLinks()
    {
        using var f = new LifecycleFixture();
        var commands = string.Join('\n', Commands(f.Options("bare"), Dependencies()));

        Assert.Contains("-U 'pip' 'setuptools' 'wheel'", commands);
        Assert.DoesNotContain("-r '", commands);
        Assert.Contains("/bin/python*", commands);
        Assert.Contains("ln -sf \"${_cairn_python}\"", commands);
    }

    [Fact]
    public void Validate_UnknownPropertyAbsoluteInterpreterAndNewBase_AreErrors()
    {
        using var f = new LifecycleFixture();
        var env = new RecordingBuildEnvironment();
        var unknown = Assert.Throws<CairnException>(() => f.Lifecycle(env, Dependencies(P("python-pakages", "x"))));
        Assert.Equal("CAIRN3005", unknown.Diagnostics[0].Code);
        Assert.Contains("python-pakages", unknown.Message);
        var absolute = Assert.Throws<CairnException>(() => f.Lifecycle(env, Dependencies() with { BuildEnvironment = [new("PARTS_PYTHON_INTERPRETER", "/usr/bin/python3")] }));
        Assert.Contains("absolute", absolute.Message);
        var newBase = Assert.Throws<CairnException>(() => new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options() with { Base = "ubuntu@26.04" }, [Dependencies()]), env));
        Assert.Contains("ubuntu@26.04", newBase.Message);
        var noSource = Assert.Throws<CairnException>(() => f.Lifecycle(env, Dependencies() with { Source = null }));
        Assert.Contains("source", noSource.Message);
    }

    [Fact]
    public void Lifecycle_PythonPart_AddsItsBuildPackages()
    {
        using var f = new LifecycleFixture();
        var lifecycle = new Lifecycle(f.Options(), [Dependencies() with { BuildPackages = ["gcc"] }]);
        Assert.Equal(["gcc", "findutils", "python3-dev", "python3-venv"], lifecycle.BuildPackages);
    }

    // Runs the real plugin commands with the host's python: the venv (without pip, which keeps this a unit test;
    // the integration tests install real wheels), and the fix-ups. The "staged" interpreter links to the host's,
    // and a staged script starting with the venv's interpreter path stands for what pip writes.
    [Theory]
    [InlineData("ubuntu@24.04")]
    [InlineData("bare")]
    public async Task Build_OnTheHost_MakesAVenvThatRunsAsBinPython3(string @base)
    {
        var hostPython = new[] { "/usr/bin/python3.11", "/usr/bin/python3.12", "/usr/bin/python3.10" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("this test needs a Debian python3 with venv (python3-venv); run scripts/setup");
        using var f = new LifecycleFixture();
        f.Write("app.py", "x\n");
        var env = new HostBuildEnvironment();
        var pythonName = Path.GetFileName(hostPython);
        var isBare = @base == "bare";
        var interpreter = isBare ? pythonName : "python3";
        var install = Path.Combine(f.Work, "parts/flask-framework/dependencies/install");
        env.OnStagePackage = (_, target) =>
        {
            Directory.CreateDirectory(Path.Combine(target, "usr/bin"));
            File.CreateSymbolicLink(Path.Combine(target, "usr/bin", pythonName), hostPython);
            var tool = Path.Combine(target, "bin/tool");
            Directory.CreateDirectory(Path.GetDirectoryName(tool)!);
            File.WriteAllText(tool, $"#!{install}/bin/{interpreter} -I\nprint('tool')\n");
            File.SetUnixFileMode(tool, (UnixFileMode)Convert.ToInt32("755", 8));
            var module = Path.Combine(target, $"lib/{pythonName}/site-packages/demo/__init__.py");
            Directory.CreateDirectory(Path.GetDirectoryName(module)!);
            File.WriteAllText(module, "x = 1\n");
            var stdlib = Path.Combine(target, $"usr/lib/{pythonName}/stdmod.py");
            Directory.CreateDirectory(Path.GetDirectoryName(stdlib)!);
            File.WriteAllText(stdlib, "y = 2\n");
            var record = Path.Combine(target, $"lib/{pythonName}/site-packages/demo-1.0.dist-info/RECORD");
            Directory.CreateDirectory(Path.GetDirectoryName(record)!);
            File.WriteAllText(record, "../../../bin/tool,sha256=stale,1\r\ndemo/__init__.py,,\r\n");
        };
        var part = Dependencies(P("python-packages")) with
        {
            StagePackages = ["python3-venv"],
            BuildEnvironment = [new("PARTS_PYTHON_INTERPRETER", interpreter), new("PARTS_PYTHON_VENV_ARGS", "--without-pip")],
        };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options(@base) with { BuildBase = "ubuntu@24.04" }, [part]), env);

        await lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None);

        var prime = f.Prime;
        var version = pythonName["python".Length..];
        Assert.True(Directory.Exists(Path.Combine(prime, $"lib/python{version}/site-packages")));
        Assert.Contains("site.addsitedir", File.ReadAllText(Path.Combine(prime, $"usr/lib/python{version}/sitecustomize.py")));
        Assert.False(File.Exists(Path.Combine(prime, "pyvenv.cfg")));
        Assert.Equal("#!/bin/" + interpreter, File.ReadLines(Path.Combine(prime, "bin/tool")).First());
        Assert.False(File.Exists(Path.Combine(prime, "lib64")) || Directory.Exists(Path.Combine(prime, "lib64")));
        // Bytecode names the source as the rock sees it, never the build directory, and is checked by hash.
        var pyc = File.ReadAllBytes(Directory.GetFiles(Path.Combine(prime, $"lib/{pythonName}/site-packages/demo/__pycache__"), "*.pyc").Single());
        var text = System.Text.Encoding.Latin1.GetString(pyc);
        Assert.Contains($"/lib/{pythonName}/site-packages/demo/__init__.py", text);
        Assert.DoesNotContain(f.Work, text);
        Assert.Equal(0b11, BitConverter.ToInt32(pyc, 4)); // PEP 552 flags: hash-based, checked
        // The staged standard library is compiled too (by the second process), for the path the rock has.
        var stdlibPyc = File.ReadAllBytes(Directory.GetFiles(Path.Combine(prime, $"usr/lib/{pythonName}/__pycache__"), "stdmod.*.pyc").Single());
        Assert.Contains($"/usr/lib/{pythonName}/stdmod.py", System.Text.Encoding.Latin1.GetString(stdlibPyc));
        Assert.Equal(0b11, BitConverter.ToInt32(stdlibPyc, 4));
        // The rewritten script's RECORD row hashes what the rock holds; pip's CRLF rows stay CRLF.
        var tool = File.ReadAllBytes(Path.Combine(prime, "bin/tool"));
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(tool)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal($"../../../bin/tool,sha256={hash},{tool.Length}\r\ndemo/__init__.py,,\r\n",
            File.ReadAllText(Path.Combine(prime, $"lib/{pythonName}/site-packages/demo-1.0.dist-info/RECORD")));
        if (isBare)
        {
            // bare's /bin -> usr/bin puts the staged interpreter at /bin/pythonX.Y; python and python3 lead to it.
            Assert.False(Path.Exists(Path.Combine(prime, "bin", pythonName)));
            Assert.Equal(pythonName, new FileInfo(Path.Combine(prime, "bin/python3")).LinkTarget);
            Assert.Equal(pythonName, new FileInfo(Path.Combine(prime, "bin/python")).LinkTarget);
        }
        else
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(prime, "bin"), "python*"));
        }
    }

    [Fact]
    public async Task Build_NoStagedInterpreter_FailsNamingTheMissingPython()
    {
        using var f = new LifecycleFixture();
        var part = Dependencies(P("python-packages")) with { BuildEnvironment = [new("PARTS_PYTHON_VENV_ARGS", "--without-pip")] };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options() with { BuildBase = "ubuntu@24.04" }, [part]), new HostBuildEnvironment());

        var e = await Assert.ThrowsAsync<CairnException>(() => lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None));

        Assert.Equal("CAIRN3007", e.Diagnostics[0].Code);
        Assert.Contains("no suitable Python interpreter", e.Diagnostics[0].Hint);
    }

    // The venv's packages compile in the background: a module that does not compile must still fail the step.
    [Fact]
    public async Task Build_VenvModuleThatDoesNotCompile_FailsTheStep()
    {
        var hostPython = new[] { "/usr/bin/python3.11", "/usr/bin/python3.12", "/usr/bin/python3.10" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("this test needs a Debian python3 with venv (python3-venv); run scripts/setup");
        using var f = new LifecycleFixture();
        var pythonName = Path.GetFileName(hostPython);
        var env = new HostBuildEnvironment
        {
            OnStagePackage = (_, target) =>
            {
                Directory.CreateDirectory(Path.Combine(target, "usr/bin"));
                File.CreateSymbolicLink(Path.Combine(target, "usr/bin", pythonName), hostPython);
                var module = Path.Combine(target, $"lib/{pythonName}/site-packages/broken/__init__.py");
                Directory.CreateDirectory(Path.GetDirectoryName(module)!);
                File.WriteAllText(module, "def (:\n");
            },
        };
        var part = Dependencies(P("python-packages")) with
        {
            StagePackages = ["python3-venv"],
            BuildEnvironment = [new("PARTS_PYTHON_VENV_ARGS", "--without-pip")],
        };
        var lifecycle = new LifecycleFixture.BoundLifecycle(new Lifecycle(f.Options() with { BuildBase = "ubuntu@24.04" }, [part]), env);

        var e = await Assert.ThrowsAsync<CairnException>(() => lifecycle.RunAsync(new LifecycleRunOptions(), CancellationToken.None));

        Assert.Equal("CAIRN3007", e.Diagnostics[0].Code);
        Assert.False(File.Exists(Path.Combine(f.Work, "parts/flask-framework/dependencies/state/build.json")));
    }
}
