namespace Cairn.Project.Extensions;

/// <summary>
/// Machine-independent sources that extensions write into parts, for files cairn itself carries. The build
/// orchestration replaces the variables with real directories before pulling; <c>expand-extensions</c> shows
/// them as they are, so its output is the same on every machine (docs/decisions.md).
/// </summary>
public static class PayloadSources
{
    /// <summary>The variable naming cairn's payload directory (the native pebble and statsd_exporter).</summary>
    public const string PayloadVariable = "$CAIRN_PAYLOAD";

    /// <summary>The variable naming the directory the flask-framework data files are written to (see <see cref="Flask.FlaskFrameworkData"/>).</summary>
    public const string ExtensionDataVariable = "$CAIRN_EXTENSION_DATA";

    /// <summary>The prebuilt exporter binary (a <c>file</c> source).</summary>
    public const string StatsdExporter = PayloadVariable + "/statsd_exporter";

    /// <summary>The flask-framework data directory (gunicorn.conf.py, statsd-mapping.conf).</summary>
    public const string FlaskFrameworkData = ExtensionDataVariable + "/flask-framework";
}
