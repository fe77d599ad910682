using Cairn.Bases;
using Cairn.Sandbox;
using Cairn.Sandbox.Environments;

namespace Cairn.Wheelhouse;

/// <summary>
/// Proves a wheelhouse works the way a build uses it: in the base's build environment (with python3-venv as a
/// build-package) create a venv, pip install flask, gunicorn and gevent with no index, import them and monkey-patch
/// as gunicorn's gevent worker does (gevent's plugins resolve their requirements through pkg_resources on jammy).
/// </summary>
public static class WheelhouseVerifier
{
    /// <summary>The build-packages of the environment the script runs in: python3 -m venv needs python3-venv.</summary>
    public static IReadOnlyList<string> BuildPackages { get; } = ["python3-venv"];

    /// <summary>The script run inside; it prints the versions it imported.</summary>
    public const string Script =
        "set -e; python3 -m venv venv; venv/bin/pip install --disable-pip-version-check flask gunicorn gevent; " +
        "venv/bin/python -c 'import flask, gunicorn, gevent, gevent.monkey; gevent.monkey.patch_all(); from importlib.metadata import version; " +
        "print(\"imported flask\", version(\"flask\"), \"gunicorn\", gunicorn.__version__, \"gevent\", gevent.__version__)'";

    /// <summary>Runs <see cref="Script"/> in a fresh work directory; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> VerifyAsync(SandboxHost host, BaseName @base, string wheelhouse, string workDirectory, CancellationToken cancellationToken)
    {
        var caller = new Dictionary<string, string>(WheelhouseBuilder.PipVariables(wheelhouse));
        var environment = await new BuildEnvironmentFactory(host)
            .CreateAsync(new BuildEnvironmentRequest(@base, @base, BuildPackages, workDirectory, caller), cancellationToken).ConfigureAwait(false);
        var output = new List<string>();
        var result = await environment.RunAsync(new SandboxCommand(["sh", "-c", Script], workDirectory) { OnOutput = output.Add }, cancellationToken)
            .ConfigureAwait(false);
        return (result.ExitCode, output);
    }
}
