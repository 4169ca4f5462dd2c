using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Ecu;

public sealed record Reading(int SignalId, long UnixMilliseconds, double Number, string? Text);

/// <summary>Keeps every reading the poller delivers.</summary>
public sealed class RecordingSink : IObdReadingSink
{
    public List<Reading> Readings { get; } = [];

    public void OnNumber(int signalId, long unixMilliseconds, double value) => Readings.Add(new(signalId, unixMilliseconds, value, null));

    public void OnText(int signalId, long unixMilliseconds, string value) => Readings.Add(new(signalId, unixMilliseconds, 0, value));

    public List<Reading> Of(string signalName)
    {
        int id = Dimo.Core.Signals.SignalCatalog.ByName(signalName)!.Id;
        return Readings.Where(r => r.SignalId == id).ToList();
    }
}
