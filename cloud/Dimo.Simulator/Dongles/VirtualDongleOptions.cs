using System.Security.Cryptography.X509Certificates;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Obd;
using Dimo.Simulator.Mcp2515;

namespace Dimo.Simulator.Dongles;

/// <summary>How one virtual dongle is built.</summary>
public sealed record VirtualDongleOptions
{
    public required Uri Mqtt { get; init; }

    /// <summary>For an <c>mqtts://</c> server: trust only certificates chaining to these (a CA file); null uses the system's store.</summary>
    public X509Certificate2Collection? MqttCertificateAuthorities { get; init; }

    /// <summary>The device key; it signs batches and MQTT logins.</summary>
    public required PrivateKey Key { get; init; }

    /// <summary>
    /// Log in with the fixed <see cref="DevicePassword"/> (generation 0), the credential a broker such as Mosquitto checks,
    /// instead of a fresh signed login token (cloud/docs/device-credential.md).
    /// </summary>
    public bool FixedPassword { get; init; }

    /// <summary>The VIN its simulated car reports over OBD.</summary>
    public required string Vin { get; init; }

    /// <summary>How far this dongle's wall clock is off real time (real dongles disagree by up to a few seconds).</summary>
    public long ClockShiftMilliseconds { get; init; }

    public int BatchIntervalMilliseconds { get; init; } = 20_000;

    /// <summary>The shortest time between two readings of one signal (<see cref="DongleLoop.SampleIntervalMilliseconds"/>).</summary>
    public int SampleIntervalMilliseconds { get; init; } = 1000;

    /// <summary>Passive traffic to replay; with <see cref="DecoderTable"/> its mapped signals become readings.</summary>
    public CandumpLog? Candump { get; init; }

    public DecoderTable? DecoderTable { get; init; }

    /// <summary>What the dongle polls over OBD and how often; default <see cref="PollTemplate.Default"/> (every 5 s at most).</summary>
    public PollTemplate? PollTemplate { get; init; }

    /// <summary>Virtual milliseconds per real millisecond: above 1 fast-forwards the car, its polls and its batches.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Runs the real MCP2515 driver against a register-level chip on the simulated bus; null reads the bus directly.</summary>
    public SimulatedMcp2515? Mcp2515 { get; init; }

    /// <summary>The spool's flash; default 512 KiB in RAM (16 segments of 32 KiB).</summary>
    public IFlash? Flash { get; init; }

    /// <summary>The operator address whose signature a decoder table from the config topic needs; null accepts templates only.</summary>
    public byte[]? ConfigSigner { get; init; }

    /// <summary>Where the dongle keeps the config it applied (stands in for files on I:); a fresh in-memory one when null.</summary>
    public Dimo.Core.Dongle.Config.IConfigStorage? ConfigStorage { get; init; }

    /// <summary>The host's time, which the dongle's virtual clock follows (scaled by <see cref="TimeScale"/>).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The dongle's virtual time when it is constructed, from which it runs at once; default <see cref="Time"/>'s now,
    /// running from the first tick.
    /// </summary>
    public long? StartUnixMilliseconds { get; init; }

    /// <summary>
    /// The car's 12 V rail and bus over time: with it the core's <see cref="Dimo.Core.Power.PowerSupervisor"/> runs beside
    /// the loop and the dongle sleeps as the firmware does (<see cref="VirtualDongle.Power"/>); null keeps it awake.
    /// </summary>
    public Dimo.Simulator.Power.CarPowerProfile? Power { get; init; }

    /// <summary>The power state machine's thresholds with <see cref="Power"/>; default <see cref="Dimo.Core.Power.PowerSettings"/>'s.</summary>
    public Dimo.Core.Power.PowerSettings? PowerSettings { get; init; }

    /// <summary>
    /// The app version the dongle reports; when set, the loop reports its status (<see cref="DeviceStatus"/>: firmware
    /// and config versions, reboot count and reason) in its batches, as the firmware does.
    /// </summary>
    public string? FirmwareVersion { get; init; }

    /// <summary>A VIN with a valid ISO 3779 check digit, different for every <paramref name="index"/>.</summary>
    public static string VinFor(int index)
    {
        string body = "1DMXSMLT" + "X" + "T" + "A" + (index % 1_000_000).ToString("D6");
        return body[..8] + Dimo.Core.Obd.Vin.CheckDigit(body) + body[9..];
    }
}
