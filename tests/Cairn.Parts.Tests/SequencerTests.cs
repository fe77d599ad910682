using Cairn.Sandbox.Caching;

namespace Cairn.Parts.Tests;

/// <summary>
/// The plan (<see cref="Lifecycle.Plan"/>, by the <see cref="Sequencer"/>) on its own: nothing runs, and finished
/// steps are recorded as a run records them (<see cref="StateStore"/>), so each case says exactly what a run would do.
/// </summary>
public sealed class SequencerTests : IDisposable
{
    private readonly LifecycleFixture f = new();

    public void Dispose() => f.Dispose();

    // 'user' builds after 'lib' is staged; 'other' is on its own. Sorted by name, then by 'after': lib, other, user.
    private static Part[] Parts(string libVariable = "1", string libStage = "*") =>
    [
        new() { Name = "lib", Plugin = "nil", BuildEnvironment = [new("LIB", libVariable)], Stage = [libStage] },
        new() { Name = "user", Plugin = "nil", After = ["lib"] },
        new() { Name = "other", Plugin = "nil" },
    ];

    private Plan PlanOf(Part[] parts, LifecycleRunOptions? run = null) => new Lifecycle(f.Options(), parts).Plan(run ?? new LifecycleRunOptions());

    private static List<string> Lines(Plan plan) => plan.Actions.Select(a => a.Describe()).ToList();

    private static List<string> Runs(Plan plan) => plan.Actions.Where(a => a.Runs).Select(a => a.Describe()).ToList();

    // What a run leaves for each step of the plan that ran: its state with the planned hash, and src and install.
    private void Record(Plan plan)
    {
        var layout = new WorkLayout(f.Work);
        var store = new StateStore(layout);
        foreach (var action in plan.Actions)
        {
            store.Write(action.Part, action.Step, new StepState { Hash = action.Hash, Inputs = action.Inputs });
            if (action.Step == Step.Pull) Directory.CreateDirectory(layout.PartSrc(action.Part));
            if (action.Step == Step.Build) Directory.CreateDirectory(layout.PartInstall(action.Part));
        }
    }

    [Fact]
    public void Fresh_project_runs_every_step_and_stages_a_dependency_just_before_its_dependant_builds()
    {
        var plan = PlanOf(Parts());

        Assert.Equal(
        [
            "pull lib (not done yet)", "pull other (not done yet)", "pull user (not done yet)",
            "build lib (not done yet)", "build other (not done yet)", "stage lib (not done yet)", "build user (not done yet)",
            "stage other (not done yet)", "stage user (not done yet)",
            "prime lib (not done yet)", "prime other (not done yet)", "prime user (not done yet)",
        ], Lines(plan));
        Assert.All(plan.Actions, a => Assert.Equal(ActionKind.Run, a.Kind));
        Assert.True(plan.AnyRuns);
        Assert.False(Directory.Exists(f.Work), "planning must not make the work directory");
    }

    [Fact]
    public void After_a_recorded_run_every_step_is_skipped()
    {
        Record(PlanOf(Parts()));

        var plan = PlanOf(Parts());

        Assert.Equal(12, plan.Actions.Count);
        Assert.All(plan.Actions, a => Assert.Equal((ActionKind.Skip, "up to date"), (a.Kind, a.Reason)));
        Assert.False(plan.AnyRuns);
        Assert.Equal("skip build user (up to date)", plan.Actions[6].Describe());
    }

    [Fact]
    public void A_changed_build_input_reruns_the_part_from_build_and_rebuilds_its_dependant_only()
    {
        Record(PlanOf(Parts()));

        var plan = PlanOf(Parts(libVariable: "2"));

        Assert.Equal(
            [
                "build lib (its inputs changed: build-environment)", "stage lib (not done yet)", "build user (its inputs changed: a part it is after)",
                "stage user (not done yet)", "prime lib (not done yet)", "prime user (not done yet)",
            ],
            Runs(plan));
        Assert.Equal(12, plan.Actions.Count);
        Assert.All(plan.Actions.Where(a => a.Part == "other" || a.Step == Step.Pull), a => Assert.Equal(ActionKind.Skip, a.Kind));
        Assert.Equal([ActionKind.Rerun, ActionKind.Run], plan.Actions.Where(a => a.Part == "lib" && a.Runs).Take(2).Select(a => a.Kind));
    }

    [Fact]
    public void A_changed_stage_fileset_reruns_from_stage_and_still_reaches_the_dependant()
    {
        Record(PlanOf(Parts()));

        var plan = PlanOf(Parts(libStage: "usr"));

        Assert.Equal(
            ["stage lib (its inputs changed: stage)", "build user (its inputs changed: a part it is after)", "stage user (not done yet)", "prime lib (not done yet)", "prime user (not done yet)"],
            Runs(plan));
    }

    [Fact]
    public void A_state_that_names_no_inputs_still_reruns_on_a_change_without_saying_which()
    {
        // An older cairn recorded only the hash.
        Record(PlanOf(Parts()) with { Actions = PlanOf(Parts()).Actions.Select(a => a with { Inputs = new Dictionary<string, string>() }).ToList() });

        var plan = PlanOf(Parts(libVariable: "2"));

        Assert.Equal("build lib (its inputs changed)", Runs(plan)[0]);
        Assert.Empty(plan.Actions[3].ChangedInputs);
    }

    [Fact]
    public void Missing_outputs_rerun_the_step_and_the_parts_later_steps_but_not_its_dependants()
    {
        Record(PlanOf(Parts()));
        Directory.Delete(new WorkLayout(f.Work).PartSrc("lib"));

        var plan = PlanOf(Parts());

        Assert.Equal(["pull lib (its outputs are missing)", "build lib (not done yet)", "stage lib (not done yet)", "prime lib (not done yet)"],
            Runs(plan));
    }

    [Fact]
    public void One_part_up_to_build_plans_its_dependency_through_stage_before_its_build()
    {
        var plan = PlanOf(Parts(), new LifecycleRunOptions { Target = Step.Build, Parts = ["user"] });

        Assert.Equal(["pull user (not done yet)", "pull lib (not done yet)", "build lib (not done yet)", "stage lib (not done yet)", "build user (not done yet)"], Lines(plan));
        Assert.Equal(["user"], plan.Parts);
        Assert.Equal(Step.Build, plan.Target);
    }

    [Fact]
    public void A_shell_instead_of_the_step_plans_up_to_the_step_before()
    {
        var plan = PlanOf(Parts(), new LifecycleRunOptions { Target = Step.Stage, Parts = ["other"], Shell = ShellMode.InsteadOfStep });

        Assert.Equal(["pull other (not done yet)", "build other (not done yet)"], Lines(plan));
    }
}
