namespace Cairn.Pebble.Supervisor.Tests;

/// <summary>Plan managers holding one layer, as the daemon's would after loading a layers directory with that file.</summary>
internal static class TestPlans
{
    public static PlanManager Of(PebbleLayer layer)
    {
        var plans = new PlanManager();
        plans.Load([layer]);
        return plans;
    }
}
