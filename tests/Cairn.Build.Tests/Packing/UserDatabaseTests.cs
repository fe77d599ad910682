using Cairn.Build.Packing;
using Cairn.Diagnostics;

namespace Cairn.Build.Tests.Packing;

public class UserDatabaseTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void AddDaemonUser_AppendsUserAndGroup_WithRockcraftsFields()
    {
        var result = UserDatabase.AddDaemonUser(new UserFiles("root:x:0:0:root:/root:/bin/bash\n", "root:x:0:\n", null), Created);

        Assert.Equal("root:x:0:0:root:/root:/bin/bash\n_daemon_:x:584792:584792::/var/lib/pebble/default:/usr/bin/false\n", result.Passwd);
        Assert.Equal("root:x:0:\n_daemon_:x:584792:\n", result.Group);
        Assert.Null(result.Shadow);
    }

    [Fact]
    public void AddDaemonUser_WithShadow_DatesEntryByCreationTime()
    {
        var result = UserDatabase.AddDaemonUser(new UserFiles("", "", "root:*:19000:0:99999:7:::\n"), Created);

        // 1_700_000_000 s is 19675 whole days after the epoch.
        Assert.Equal("root:*:19000:0:99999:7:::\n_daemon_:!:19675::::::\n", result.Shadow);
    }

    [Fact]
    public void AddDaemonUser_FileWithoutTrailingNewline_StartsNewLine()
    {
        var result = UserDatabase.AddDaemonUser(new UserFiles("root:x:0:0::/root:/bin/sh", "", null), Created);

        Assert.StartsWith("root:x:0:0::/root:/bin/sh\n_daemon_:", result.Passwd, StringComparison.Ordinal);
        Assert.Equal("_daemon_:x:584792:\n", result.Group);
    }

    [Theory]
    [InlineData("_daemon_:x:1000:1000::/:/bin/sh\n", "")]
    [InlineData("someone:x:584792:100::/:/bin/sh\n", "")]
    [InlineData("", "staff:x:584792:\n")]
    public void AddDaemonUser_NameOrIdTaken_IsUserError(string passwd, string group)
    {
        var error = Assert.Throws<CairnException>(() => UserDatabase.AddDaemonUser(new UserFiles(passwd, group, null), Created));

        Assert.Equal(FailureKind.User, error.Kind);
        Assert.StartsWith("cannot add user '_daemon_'", error.Message, StringComparison.Ordinal);
        Assert.Equal("CAIRN5101", error.Diagnostics[0].Code);
    }
}
