using Cairn.Diagnostics;
using Cairn.TestKit;

namespace Cairn.Project.Tests;

public class ServiceHintTests
{
    [Fact]
    public void Load_MisspeltServiceField_HintsTheFieldMeant()
    {
        using var temp = new TempDirectory();
        const string yaml = "name: hint\nversion: '1'\nsummary: s\ndescription: d\nbase: ubuntu@24.04\nplatforms:\n  amd64:\n"
            + "parts:\n  p:\n    plugin: nil\nservices:\n  web:\n    override: replace\n    comand: /bin/web\n";

        var error = Assert.Throws<CairnException>(() => ProjectLoader.LoadText(yaml, temp.Path, "rockcraft.yaml"));

        var problem = Assert.Single(error.Diagnostics, d => d.Message.Contains("comand", StringComparison.Ordinal));
        Assert.Equal("did you mean 'command'?", problem.Hint);
        Assert.Equal(14, problem.Location?.Line);
    }
}
