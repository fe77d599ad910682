using Cairn.Build.Packing;
using Cairn.Project.Model;

namespace Cairn.Build.Tests.Packing;

public class LayerGroupsTests
{
    [Theory]
    [InlineData("flask-framework/install-app", RockLayer.App)]
    [InlineData("flask-framework/dependencies", RockLayer.Packages)]
    [InlineData("flask-framework/runtime", RockLayer.Packages)]
    [InlineData("flask-framework/statsd-exporter", RockLayer.Rock)]
    [InlineData("flask-framework/config-files", RockLayer.Rock)]
    [InlineData("flask-framework/logging", RockLayer.Rock)]
    [InlineData(PebblePart.Name, RockLayer.Rock)]
    [InlineData("my-part", RockLayer.Packages)]
    // Only the extension that added a part decides: a user's part that happens to share a suffix does not move.
    [InlineData("mine/install-app", RockLayer.Packages)]
    public void A_part_goes_to_the_layer_its_extension_names(string part, RockLayer layer) =>
        Assert.Equal(layer, LayerGroups.Of(part));
}
