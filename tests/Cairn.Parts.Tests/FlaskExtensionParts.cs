namespace Cairn.Parts.Tests;

/// <summary>The parts the flask extension generates on ubuntu@24.04, as the tests need them.</summary>
public static class FlaskExtensionParts
{
    public const int Daemon = 584792;

    /// <summary><c>flask-framework/dependencies</c>: the venv with gunicorn and requirements.txt.</summary>
    public static Part Dependencies() => new()
    {
        Name = "flask-framework/dependencies",
        Plugin = "python",
        Source = ".",
        StagePackages = ["python3-venv"],
        PluginProperties = [new("python-packages", ["gunicorn>=20.1"]), new("python-requirements", ["requirements.txt"])],
        Stage = ["-etc/ssl/certs/ca-certificates.crt"],
    };

    /// <summary><c>flask-framework/install-app</c> in include mode for <paramref name="files"/> (top-level names).</summary>
    public static Part InstallApp(params string[] files) => new()
    {
        Name = "flask-framework/install-app",
        Plugin = "dump",
        Source = ".",
        Organize = files.Select(f => new KeyValuePair<string, string>(f, "flask/app/" + f)).ToList(),
        Stage = files.Select(f => "flask/app/" + f).ToList(),
        Prime = files.Select(f => "flask/app/" + f).ToList(),
        Permissions = [new PermissionRule(Owner: Daemon, Group: Daemon)],
    };
}
