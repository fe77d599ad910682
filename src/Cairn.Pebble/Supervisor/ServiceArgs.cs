using Cairn.Pebble.Plan;

namespace Cairn.Pebble.Supervisor;

/// <summary>
/// The layer <c>pebble run --args SERVICE ARGS... ;</c> adds after the layers on disk: for each service, its command
/// with the <c>[ ... ]</c> defaults replaced by the given arguments, merged in (so the service keeps the override
/// its first layer gave it, as <c>pebble plan</c> shows upstream).
/// </summary>
internal static class ServiceArgs
{
    /// <summary>The label upstream gives the layer (reserved: layers added through the API cannot use it).</summary>
    public const string Label = "pebble-service-args";

    /// <summary>The layer for <paramref name="args"/> against <paramref name="plan"/>; throws <see cref="PlanException"/> for an unknown service.</summary>
    public static PebbleLayer Layer(PebblePlan plan, IEnumerable<(string Service, List<string> Args)> args)
    {
        var layer = new PebbleLayer { Label = Label };
        foreach (var (service, words) in args)
        {
            if (!plan.Services.TryGetValue(service, out var existing)) throw new PlanException($"service \"{service}\" not found in plan");
            var command = ServiceCommand.Parse(service, existing.Command ?? "");
            layer.Services[service] = new Service { Name = service, Override = Override.Merge, Command = command.WithArgs(words) };
        }

        return layer;
    }
}
