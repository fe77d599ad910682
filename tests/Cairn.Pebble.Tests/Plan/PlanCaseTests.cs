using Cairn.Pebble.Cli;
using Cairn.Pebble.Supervisor;
using Cairn.Pebble.Plan;
using Cairn.TestKit;

namespace Cairn.Pebble.Tests.Plan;

/// <summary>
/// Golden files of <c>pebble plan</c>, one scenario folder per case under Plan/Cases/: a <c>layers/</c> directory as
/// <c>$PEBBLE/layers</c>, optionally <c>args.txt</c> (the <c>run</c> options, e.g. <c>--args flask sync</c>), and
/// <c>expected.txt</c>: the plan as upstream prints it, or <c>error: MESSAGE</c> (the layers directory as
/// <c>&lt;layers&gt;</c>). Adding a case is adding a folder; <c>CAIRN_ACCEPT_GOLDEN=1</c> writes its golden file.
/// </summary>
public class PlanCaseTests
{
    private static readonly string Root = Repository.PathOf("tests", "Cairn.Pebble.Tests", "Plan", "Cases");

    public static TheoryData<string> Cases => new(Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_prints_as_upstream(string name)
    {
        var dir = Path.Combine(Root, name);
        var layersDir = Path.Combine(dir, "layers");
        Golden.Assert(Path.Combine(dir, "expected.txt"), Render(layersDir, Path.Combine(dir, "args.txt")), (layersDir, "<layers>"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Printed_plan_reads_back_to_the_same_plan(string name)
    {
        var dir = Path.Combine(Root, name);
        var printed = Render(Path.Combine(dir, "layers"), Path.Combine(dir, "args.txt"));
        if (printed.StartsWith("error: ", StringComparison.Ordinal)) return;
        var again = PebblePlan.Combine([LayerParser.Parse(printed, "printed", 1)]);
        Assert.Equal(printed, PebbleLayerWriter.Write(again.ToLayer()));
    }

    // What the daemon does at start: load the layers directory, then add the --args layer after them.
    private static string Render(string layersDir, string argsFile)
    {
        try
        {
            var layers = LayersDirectory.Load(layersDir);
            var plan = PebblePlan.Combine(layers);
            if (File.Exists(argsFile))
            {
                var options = RunOptions.Parse(Shlex.Split(File.ReadAllText(argsFile)), enter: false);
                var args = ServiceArgs.Layer(plan, options.ServiceArgs);
                args.Order = int.MaxValue;
                plan = PebblePlan.Combine([.. layers, args]);
            }

            return PebbleLayerWriter.Write(plan.ToLayer());
        }
        catch (PlanException e)
        {
            return "error: " + e.Message + "\n";
        }
    }
}
