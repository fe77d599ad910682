using Cairn.Daemon;
using Cairn.Pebble.Daemon;
using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// Runs the plan's checks: each in its own loop (first run one period after start), bounded by its timeout. After
/// <c>threshold</c> consecutive failures the check is down and the on-check-failure actions fire once; the first
/// success afterwards brings it back up. Each up or down period is a change (perform-check, recover-check).
/// </summary>
internal sealed class CheckManager(Logger logger, TimeProvider clock, ChangeManager changes, PlanManager plans, Action<string> onDown)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, CheckRuntime> checks = [];

    /// <summary>Applies a new plan (the plan manager calls it): unchanged checks keep running, changed ones restart, removed ones stop.</summary>
    public void Update(PebblePlan newPlan)
    {
        lock (gate)
        {
            foreach (var name in checks.Keys.Where(n => !newPlan.Checks.ContainsKey(n)).ToList())
            {
                checks[name].Stop();
                checks.Remove(name);
            }

            foreach (var check in newPlan.Checks.Values)
            {
                if (checks.TryGetValue(check.Name, out var existing))
                {
                    if (Same(existing.Config, check)) continue;
                    existing.Stop();
                }

                var rt = new CheckRuntime(check);
                checks[check.Name] = rt;
                if (check.Startup != Startup.Disabled) StartLoop(rt);
            }
        }
    }

    /// <summary>Starts checks that are stopped but not disabled (replan).</summary>
    public void StartStopped(PebblePlan current)
    {
        lock (gate)
        {
            foreach (var rt in checks.Values.Where(r => r.Status == "inactive" && r.Config.Startup != Startup.Disabled)) StartLoop(rt);
        }
    }

    /// <summary>Starts or stops named checks; returns the names whose state changed, sorted.</summary>
    public List<string> StartOrStop(bool start, IReadOnlyList<string> names)
    {
        lock (gate)
        {
            var changed = new List<string>();
            foreach (var name in names)
            {
                if (!checks.TryGetValue(name, out var rt)) throw new KeyNotFoundException($"cannot find check \"{name}\"");
                if (start && rt.Status == "inactive")
                {
                    StartLoop(rt);
                    changed.Add(name);
                }
                else if (!start && rt.Status != "inactive")
                {
                    rt.Stop();
                    changed.Add(name);
                }
            }

            changed.Sort(StringComparer.Ordinal);
            return changed;
        }
    }

    /// <summary>Every check, sorted by name.</summary>
    public List<CheckInfo> Infos()
    {
        lock (gate)
        {
            return checks.Values.OrderBy(r => r.Config.Name, StringComparer.Ordinal)
                .Select(r => new CheckInfo(r.Config.Name, r.Config.Level, r.Config.Startup == Startup.Disabled ? Startup.Disabled : Startup.Enabled,
                    r.Status, r.Successes, r.Failures, r.Config.EffectiveThreshold, r.Change?.Id))
                .ToList();
        }
    }

    /// <summary>Stops every check loop (daemon exit).</summary>
    public void StopAll()
    {
        lock (gate)
        {
            foreach (var rt in checks.Values) rt.Stop();
        }
    }

    private static bool Same(Check a, Check b) =>
        PebbleLayerWriter.Write(new PebbleLayer { Checks = { [a.Name] = a } }) == PebbleLayerWriter.Write(new PebbleLayer { Checks = { [b.Name] = b } });

    // Called under the lock.
    private void StartLoop(CheckRuntime rt)
    {
        rt.Stop();
        var cts = new CancellationTokenSource();
        rt.Cancel = cts;
        rt.Status = "up";
        rt.Successes = 0;
        rt.Failures = 0;
        rt.Change = NewChange(rt, "perform-check");
        _ = Loop(rt, cts.Token);
    }

    private Change NewChange(CheckRuntime rt, string kind)
    {
        var change = changes.Create(kind, $"{(kind == "perform-check" ? "Perform" : "Recover")} {CheckType(rt.Config)} check \"{rt.Config.Name}\"");
        changes.AddTask(change, kind, change.Summary, rt.Config.Name).SetStatus("Doing", changes.Now);
        return change;
    }

    private static string CheckType(Check c) => c.Http is not null ? "HTTP" : c.Tcp is not null ? "TCP" : "exec";

    private async Task Loop(CheckRuntime rt, CancellationToken token)
    {
        var check = rt.Config;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(check.EffectivePeriod, clock, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            string? error = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                timeout.CancelAfter(check.EffectiveTimeout);
                try
                {
                    // An exec check with a service-context takes that service's settings from the current plan.
                    await CheckRunner.RunAsync(check, plans.Plan, timeout.Token).ConfigureAwait(false);
                }
                catch (CheckFailedException e)
                {
                    error = e.Message;
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
            }

            var fire = false;
            lock (gate)
            {
                if (token.IsCancellationRequested) return;
                if (error is null)
                {
                    if (rt.Status == "down")
                    {
                        logger.Info($"Check \"{check.Name}\" succeeded, recovered");
                        Finish(rt.Change, "Done", null);
                        rt.Status = "up";
                        rt.Change = NewChange(rt, "perform-check");
                        rt.Successes = 0;
                    }
                    else if (rt.Failures > 0)
                    {
                        logger.Info($"Check \"{check.Name}\" succeeded after {rt.Failures} failure{(rt.Failures == 1 ? "" : "s")}");
                    }

                    rt.Successes++;
                    rt.Failures = 0;
                }
                else
                {
                    rt.Failures++;
                    if (rt.Status == "up")
                    {
                        logger.Info($"Check \"{check.Name}\" failure {rt.Failures}/{check.EffectiveThreshold}: {error}");
                        rt.Change?.Tasks[0].AddLog("ERROR", error, changes.Now);
                        if (rt.Failures >= check.EffectiveThreshold)
                        {
                            logger.Info($"Check \"{check.Name}\" threshold {check.EffectiveThreshold} hit, triggering action and recovering");
                            Finish(rt.Change, "Error", error);
                            rt.Status = "down";
                            rt.Change = NewChange(rt, "recover-check");
                            fire = true;
                        }
                    }
                    else
                    {
                        rt.Change?.Tasks[0].AddLog("ERROR", error, changes.Now);
                    }
                }
            }

            if (fire) onDown(check.Name);
        }
    }

    private void Finish(Change? change, string status, string? error)
    {
        if (change is null) return;
        var task = change.Tasks[0];
        if (error is not null && !task.Log.Any(l => l.EndsWith(error, StringComparison.Ordinal))) task.AddLog("ERROR", error, changes.Now);
        task.SetStatus(status, changes.Now);
        change.MarkReady(changes.Now);
    }

    private sealed class CheckRuntime(Check config)
    {
        public Check Config { get; } = config;
        public string Status { get; set; } = "inactive";
        public int Successes { get; set; }
        public int Failures { get; set; }
        public Change? Change { get; set; }
        public CancellationTokenSource? Cancel { get; set; }

        public void Stop()
        {
            Cancel?.Cancel();
            Cancel = null;
            if (Change is { IsReady: false } c)
            {
                c.Tasks[0].SetStatus("Done", DateTime.UtcNow);
                c.MarkReady(DateTime.UtcNow);
            }

            Change = null;
            Status = "inactive";
        }
    }
}
