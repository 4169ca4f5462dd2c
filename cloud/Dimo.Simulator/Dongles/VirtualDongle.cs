using System.Diagnostics;
using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Simulator.Ecu;
using Dimo.Simulator.Mcp2515;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// The dongle's core loop (<see cref="DongleLoop"/>) with simulator adapters: MQTT uplink, an in-memory key store
/// with its own key, RAM flash, a slightly shifted virtual clock that follows real time, and a simulated car: an
/// engine ECU answering OBD polls and either a candump replay (decoded with the DBC's table) or a synthetic drive.
/// It is wired by the core's <see cref="DongleBuilder"/>, as the firmware is; with <see cref="VirtualDongleOptions.Mcp2515"/>
/// the real MCP2515 driver reads the bus through a register-level chip simulator. Call <see cref="Tick"/> regularly from one thread.
/// </summary>
public sealed class VirtualDongle : IAsyncDisposable
{
    private readonly Stopwatch _realTime = Stopwatch.StartNew();
    private readonly VirtualClock _clock;
    private readonly SimulatedCanBus _bus;
    private readonly DriveProfile? _drive;
    private readonly CandumpReplay? _replay;
    private readonly MqttUplink _uplink;

    public VirtualDongle(VirtualDongleOptions options)
    {
        Options = options;
        Address = EthAddress.ToLowerString(options.Key.Address);
        long start = options.StartUnixMilliseconds ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _clock = new VirtualClock(start + options.ClockShiftMilliseconds);
        _bus = new SimulatedCanBus(_clock) { LogCapacity = 100 };
        Vehicle = new VehicleState { Vin = options.Vin };
        SimulatedEcu.Engine(_bus, IsoTpAddressing.Standard11Bit, Vehicle);
        if (options.Candump != null)
            _replay = new CandumpReplay(_bus, options.Candump);
        else
            _drive = new DriveProfile(Vehicle, Math.Abs(options.ClockShiftMilliseconds) * 97);

        _uplink = new MqttUplink(options.Mqtt, options.Key, _clock, options.MqttCertificateAuthorities, options.FixedPassword);
        Spool = new Spool(options.Flash ?? new MemoryFlash(32 * 1024, 16));
        var builder = new DongleBuilder(_clock)
        {
            BatchIntervalMilliseconds = options.BatchIntervalMilliseconds,
            SampleIntervalMilliseconds = options.SampleIntervalMilliseconds,
            MaxFramesPerStep = 100_000,
        };
        if (options.Mcp2515 is { } chip)
        {
            // The real driver against a register-level chip on the simulated bus; it detects the bus's rate.
            Chip = new Mcp2515OnSimulatedBus(new Mcp2515Chip(chip.OscillatorHz), _bus, chip.BusBitRate);
            builder.UseMcp2515(Chip, Chip, chip.OscillatorHz, bitRate: 0);
        }
        else
        {
            builder.UseCanBus(_bus);
        }
        if (options.DecoderTable != null)
            builder.DecodeWith(options.DecoderTable);
        builder.PollObd(options.PollTemplate ?? PollTemplate.Default(), IsoTpAddressing.Standard11Bit, new IsoTpSettings());
        builder.PublishWith(new PrivateKeyStore(options.Key), Spool, _uplink);
        Loop = builder.Build();
        Poller = builder.Poller!;
        Controller = builder.Controller;
        Builder = builder;
    }

    public VirtualDongleOptions Options { get; }

    /// <summary>0x plus 40 lowercase hex digits.</summary>
    public string Address { get; }

    public string Topic => MqttUplink.TopicOf(Address);

    public VehicleState Vehicle { get; }

    public DongleLoop Loop { get; }

    public Spool Spool { get; }

    public ObdPoller Poller { get; }

    public MqttUplink Uplink => _uplink;

    /// <summary>The MCP2515 driver when <see cref="VirtualDongleOptions.Mcp2515"/> is set, else null.</summary>
    public Mcp2515Controller? Controller { get; }

    /// <summary>The simulated chip under the driver, when there is one.</summary>
    public Mcp2515OnSimulatedBus? Chip { get; }

    /// <summary>How the dongle was wired (bit rate found, filters opened).</summary>
    public DongleBuilder Builder { get; }

    public IClock Clock => _clock;

    public long FramesReplayed => _replay?.FramesReplayed ?? 0;

    public Task ConnectAsync(CancellationToken cancellationToken = default) => _uplink.ConnectAsync(cancellationToken);

    /// <summary>Brings virtual time up to (scaled) real time (running the car on the way) and steps the loop once.</summary>
    public void Tick()
    {
        long target = (long)(_realTime.ElapsedMilliseconds * Options.TimeScale);
        long behind = target - _clock.MonotonicMilliseconds;
        if (behind > 0)
        {
            _drive?.Update(target);
            _bus.RunFor(behind);
        }
        Loop.Step();
    }

    public ValueTask DisposeAsync() => _uplink.DisposeAsync();
}
