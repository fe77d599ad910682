using Cairn.Pebble.Plan;
using Cairn.Pebble.Supervisor;

namespace Cairn.Pebble.Tests.Daemon;

/// <summary>The one holder of the layers and the plan: what it combines, and whom it tells.</summary>
public class PlanManagerTests
{
    [Fact]
    public void Subscribers_hear_of_every_new_plan_in_order()
    {
        var plans = new PlanManager();
        var heard = new List<string>();
        plans.Subscribe(p => heard.Add(string.Join(",", p.Services.Keys)));
        plans.Load([Layer("base", 1, "a: {override: replace, command: /bin/a}")]);
        plans.AppendLayer(Layer("extra", 0, "b: {override: replace, command: /bin/b}"), combine: false);
        Assert.Equal(["a", "a,b"], heard);
        Assert.Equal(["a", "b"], plans.Plan.Services.Keys);
    }

    [Fact]
    public void An_appended_layer_goes_after_the_last_and_a_combined_one_folds_into_its_label()
    {
        var plans = new PlanManager();
        plans.Load([Layer("base", 1, "a: {override: replace, command: /bin/a}")]);
        plans.AppendLayer(Layer("extra", 0, "b: {override: replace, command: /bin/b}"), combine: false);
        Assert.Equal([("base", 1), ("extra", 1000)], plans.Plan.Layers.Select(l => (l.Label, l.Order)));

        plans.AppendLayer(Layer("extra", 0, "b: {override: merge, command: /bin/b2}"), combine: true);
        Assert.Equal([("base", 1), ("extra", 1000)], plans.Plan.Layers.Select(l => (l.Label, l.Order)));
        Assert.Equal("/bin/b2", plans.Plan.Services["b"].Command);
    }

    [Fact]
    public void A_layer_that_would_make_an_invalid_plan_changes_nothing_and_tells_no_one()
    {
        var plans = new PlanManager();
        plans.Load([Layer("base", 1, "a: {override: replace, command: /bin/a}")]);
        var before = plans.Plan;
        var heard = 0;
        plans.Subscribe(_ => heard++);

        var again = Assert.Throws<PlanException>(() => plans.AppendLayer(Layer("base", 0, "c: {override: replace, command: /bin/c}"), combine: false));
        Assert.Equal("layer \"base\" already exists", again.Message);
        Assert.Throws<PlanException>(() => plans.AppendLayer(Layer("bad", 0, "d: {command: /bin/d}"), combine: false));
        Assert.Throws<PlanException>(() => plans.Load([Layer("bad", 1, "d: {command: /bin/d}")]));

        Assert.Same(before, plans.Plan);
        Assert.Equal(0, heard);
    }

    private static PebbleLayer Layer(string label, int order, string service) => LayerParser.Parse("services:\n    " + service + "\n", label, order);
}
