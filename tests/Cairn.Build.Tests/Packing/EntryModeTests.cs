using Cairn.Build.Packing;

namespace Cairn.Build.Tests.Packing;

public class EntryModeTests
{
    [Theory]
    [InlineData(0b_110_100_100, 0b_110_100_100)] // 0644 stays
    [InlineData(0b_110_110_100, 0b_110_100_100)] // 0664 (umask 002) -> 0644
    [InlineData(0b_110_000_000, 0b_110_100_100)] // 0600 (umask 077) -> 0644
    [InlineData(0b_111_111_101, 0b_111_101_101)] // 0775 -> 0755
    [InlineData(0b_111_000_000, 0b_111_101_101)] // 0700 -> 0755
    [InlineData(0b_101_101_101, 0b_101_101_101)] // 0555 stays
    [InlineData(0b_111_111_111, 0b_111_111_111)] // 0777 (deliberately world-writable) stays
    [InlineData(0b_001_111_111_111, 0b_001_111_111_111)] // 1777 stays
    [InlineData(0b_100_111_101_101, 0b_100_111_101_101)] // 4755 keeps setuid
    public void Normalise_IsIndependentOfTheUmask(int disk, int expected)
    {
        Assert.Equal(Convert.ToString(expected, 8), Convert.ToString(EntryMode.Normalise(disk), 8));
    }
}
