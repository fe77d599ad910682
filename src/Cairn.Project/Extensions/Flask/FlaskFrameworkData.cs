namespace Cairn.Project.Extensions.Flask;

/// <summary>
/// The data files of the flask-framework extension, carried inside cairn: the gunicorn configuration and the
/// statsd mapping. The build writes them to the directory it substitutes for
/// <see cref="PayloadSources.FlaskFrameworkData"/>; the config-files part then dumps them into the rock.
/// </summary>
public static class FlaskFrameworkData
{
    /// <summary>File name to content, in a fixed order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Files { get; } =
    [
        new("gunicorn.conf.py", Read("gunicorn.conf.py")),
        new("statsd-mapping.conf", Read("statsd-mapping.conf")),
    ];

    private static string Read(string name)
    {
        using var stream = typeof(FlaskFrameworkData).Assembly.GetManifestResourceStream($"Cairn.Project.FlaskFramework.{name}")
            ?? throw new InvalidOperationException($"internal error: cannot find the embedded flask-framework file {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
