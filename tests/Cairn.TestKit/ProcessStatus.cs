namespace Cairn.TestKit;

/// <summary>What /proc says about a running process.</summary>
public static class ProcessStatus
{
    /// <summary>The resident set size (<c>VmRSS</c> in /proc/PID/status) in KiB.</summary>
    public static long ResidentKilobytes(int pid)
    {
        var line = File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
