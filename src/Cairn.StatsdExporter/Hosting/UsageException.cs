namespace Cairn.StatsdExporter.Hosting;

/// <summary>A bad command line; the message is printed as <c>statsd_exporter: error: …</c> and the exit code is 1.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the error.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
