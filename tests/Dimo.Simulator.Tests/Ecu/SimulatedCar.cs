using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Time;
using Dimo.Simulator.Dongles;
using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Tests.Ecu;

/// <summary>A virtual clock, a simulated bus with an engine ECU (and optionally a transmission), and a tester client on it.</summary>
public sealed class SimulatedCar
{
    public SimulatedCar(bool extendedIds = false, bool withTransmission = false)
    {
        Addressing = extendedIds ? IsoTpAddressing.Extended29Bit : IsoTpAddressing.Standard11Bit;
        Clock = new VirtualClock();
        CoreClock = new TimeProviderClock(Clock);
        Bus = new SimulatedCanBus(Clock);
        Vehicle = new VehicleState();
        Engine = SimulatedEcu.Engine(Bus, Addressing, Vehicle);
        if (withTransmission)
            Transmission = SimulatedEcu.Transmission(Bus, Addressing, Vehicle);
        Client = new IsoTpClient(Bus, CoreClock, Addressing, TesterSettings);
    }

    public IsoTpAddressing Addressing { get; }
    public VirtualClock Clock { get; }
    /// <summary><see cref="Clock"/> as the tester's core code reads it.</summary>
    public IClock CoreClock { get; }
    public SimulatedCanBus Bus { get; }
    public VehicleState Vehicle { get; }
    public SimulatedEcu Engine { get; }
    public SimulatedEcu? Transmission { get; }
    public IsoTpSettings TesterSettings { get; } = new();
    public IsoTpClient Client { get; }
    public RecordingSink Sink { get; } = new();

    public ObdPoller Poller(string template) => new(Client, CoreClock, PollTemplate.Parse(template), Sink);

    /// <summary>Virtual times at which the tester sent a single-frame service-01 request for <paramref name="pid"/>.</summary>
    public List<long> RequestTimes(int pid) =>
        Bus.Log.Where(f => f.FromTester && f.Data.Length >= 3 && f.Data[0] == 0x02 && f.Data[1] == 0x01 && f.Data[2] == pid)
            .Select(f => f.Time).ToList();

    /// <summary>Calls Poll once per virtual second for <paramref name="seconds"/> seconds.</summary>
    public void PollFor(ObdPoller poller, int seconds)
    {
        long end = Clock.MonotonicMilliseconds + seconds * 1000L;
        while (Clock.MonotonicMilliseconds < end)
        {
            poller.Poll();
            Bus.RunFor(1000 - Clock.MonotonicMilliseconds % 1000);
        }
    }
}
