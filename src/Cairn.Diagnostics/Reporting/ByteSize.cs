using System.Globalization;

namespace Cairn.Diagnostics.Reporting;

/// <summary>Sizes for people, in decimal units as podman and docker print them (1 MB = 1 000 000 bytes).</summary>
public static class ByteSize
{
    public static string Format(long bytes)
    {
        string[] units = ["kB", "MB", "GB", "TB"];
        if (bytes < 1000) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        double value = bytes;
        var unit = -1;
        while (value >= 999.95 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
