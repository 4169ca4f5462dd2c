using Dimo.Core.Can;
using Dimo.Core.Can.Mcp2515;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;
using Dimo.Core.Obd.IsoTp;
using Dimo.Core.Power;
using Dimo.Core.Time;
using Dimo.Simulator.Ecu;
using Dimo.Simulator.Mcp2515;
using Dimo.Simulator.Power;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// The dongle's core loop (<see cref="DongleLoop"/>) with simulator adapters: MQTT uplink, an in-memory key store
/// with its own key, RAM flash, a slightly shifted virtual clock that follows its host's TimeProvider, and a simulated car: an
/// engine ECU answering OBD polls and either a candump replay (decoded with the DBC's table) or a synthetic drive.
/// It is wired by the core's <see cref="DongleBuilder"/>, as the firmware is; with <see cref="VirtualDongleOptions.Mcp2515"/>
/// the real MCP2515 driver reads the bus through a register-level chip simulator. With <see cref="VirtualDongleOptions.Power"/>
/// the core's power supervisor reads the car's rail and sleeps in virtual time (<see cref="VirtualPowerRail"/>).
/// Call <see cref="Tick"/> regularly from one thread.
/// </summary>
public sealed class VirtualDongle : IAsyncDisposable
{
    private long? _started;
    private readonly VirtualClock _clock;
    private readonly TimeProviderClock _coreClock;
    private readonly SimulatedCanBus _bus;
    private readonly DriveProfile? _drive;
    private readonly CandumpReplay? _replay;
    private readonly MqttUplink _uplink;
    private readonly VirtualPowerRail? _rail;
    private long _wakesAt;

    public VirtualDongle(VirtualDongleOptions options)
    {
        Options = options;
        Address = EthAddress.ToLowerString(options.Key.Address);
        long start = options.StartUnixMilliseconds ?? options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        _clock = new VirtualClock(start + options.ClockShiftMilliseconds);
        // A start given explicitly pins virtual time to this instant (a test lining dongles up with a host clock).
        if (options.StartUnixMilliseconds != null)
            _started = options.Time.GetTimestamp();
        _coreClock = new TimeProviderClock(_clock);
        _bus = new SimulatedCanBus(_clock) { LogCapacity = 100 };
        Vehicle = new VehicleState { Vin = options.Vin };
        var engine = SimulatedEcu.Engine(_bus, IsoTpAddressing.Standard11Bit, Vehicle);
        if (options.Candump != null)
            _replay = new CandumpReplay(_bus, options.Candump);
        else
            _drive = new DriveProfile(Vehicle, Math.Abs(options.ClockShiftMilliseconds) * 97);

        _uplink = new MqttUplink(options.Mqtt, options.Key, _coreClock, options.MqttCertificateAuthorities, options.FixedPassword);
        Spool = new Spool(options.Flash ?? new MemoryFlash(32 * 1024, 16));
        var builder = new DongleBuilder(_coreClock)
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
        builder.ConfigureFrom(options.ConfigStorage ?? new MemoryConfigStorage(), _uplink, options.ConfigSigner);
        Loop = builder.Build();
        if (options.FirmwareVersion != null)
            Loop.Status = new DeviceStatus { FirmwareVersion = options.FirmwareVersion, RebootReason = RebootReason.PowerOn };
        if (options.Power != null)
        {
            _rail = new VirtualPowerRail(options.Power, _bus, engine);
            engine.IsAwake = options.Power.DrivingAt(_clock.MonotonicMilliseconds);
            Power = new PowerSupervisor(new PowerStateMachine(options.PowerSettings ?? new PowerSettings(), _coreClock.MonotonicMilliseconds),
                _coreClock, _rail, _rail, Loop);
        }
        Controller = builder.Controller;
        Builder = builder;
    }

    public VirtualDongleOptions Options { get; }

    /// <summary>0x plus 40 lowercase hex digits.</summary>
    public string Address { get; }

    public string Topic => DeviceTopics.Batches(Address);

    public VehicleState Vehicle { get; }

    public DongleLoop Loop { get; }

    public Spool Spool { get; }

    /// <summary>The OBD poller in use (a config with a new template replaces it).</summary>
    public ObdPoller Poller => Loop.Poller!;

    /// <summary>The config version the dongle runs (0 before the cloud sent one).</summary>
    public int ConfigVersion => Loop.ConfigVersion;

    public MqttUplink Uplink => _uplink;

    /// <summary>The MCP2515 driver when <see cref="VirtualDongleOptions.Mcp2515"/> is set, else null.</summary>
    public Mcp2515Controller? Controller { get; }

    /// <summary>The simulated chip under the driver, when there is one.</summary>
    public Mcp2515OnSimulatedBus? Chip { get; }

    /// <summary>How the dongle was wired (bit rate found, filters opened).</summary>
    public DongleBuilder Builder { get; }

    /// <summary>The dongle's clock as its core reads it.</summary>
    public IClock Clock => _coreClock;

    /// <summary>The core's power supervisor when <see cref="VirtualDongleOptions.Power"/> is set, else null.</summary>
    public PowerSupervisor? Power { get; }

    /// <summary>The dongle's power state (always awake without <see cref="VirtualDongleOptions.Power"/>).</summary>
    public PowerState PowerState => Power?.Machine.State ?? PowerState.Awake;

    public long FramesReplayed => _replay?.FramesReplayed ?? 0;

    public Task ConnectAsync(CancellationToken cancellationToken = default) => _uplink.ConnectAsync(cancellationToken);

    /// <summary>
    /// Brings virtual time up to (scaled) real time since the first tick (running the car on the way) and steps the loop
    /// once. Virtual time starts with the first tick, not at construction: provisioning and connecting a fleet take
    /// seconds, which a first tick would otherwise replay in one step, every frame read at the same time. With
    /// <see cref="VirtualDongleOptions.StartUnixMilliseconds"/> given, it starts at construction instead.
    /// </summary>
    public void Tick()
    {
        _started ??= Options.Time.GetTimestamp();
        long target = (long)(Options.Time.GetElapsedTime(_started.Value).TotalMilliseconds * Options.TimeScale);
        long behind = target - _clock.MonotonicMilliseconds;
        if (behind > 0)
        {
            _drive?.Update(target);
            if (_rail != null)
                _rail.RunTo(target);
            else
                _bus.RunFor(behind);
        }
        if (Power != null)
        {
            // A sleep moves virtual time past the host's: until the host catches up, the dongle sleeps on, its loop
            // not stepped (so nothing is read, sealed or published while it sleeps).
            if (target < _wakesAt)
                return;
            int sleeps = Power.LightSleeps + Power.DeepSleeps;
            Power.Step(_rail!.FramesSent);
            if (Power.LightSleeps + Power.DeepSleeps != sleeps)
                _wakesAt = _clock.MonotonicMilliseconds;
            if (Power.Machine.State != PowerState.Awake || target < _wakesAt)
                return;
        }
        Loop.Step();
    }

    public ValueTask DisposeAsync() => _uplink.DisposeAsync();
}
