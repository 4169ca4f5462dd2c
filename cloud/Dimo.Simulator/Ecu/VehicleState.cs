namespace Dimo.Simulator.Ecu;

/// <summary>
/// What the simulated car reports: values per service-01 PID (in the PID's own unit, one entry per value of
/// the PID), the VIN and the trouble codes. The fleet simulator changes it while the poller reads it, so
/// every member is thread-safe.
/// </summary>
public sealed class VehicleState
{
    private readonly object _gate = new();
    private readonly Dictionary<int, double[]> _pidValues = [];
    private string? _vin = "1HGCM82633A004352";
    private string[] _dtcs = [];

    public VehicleState()
    {
        EngineRpm = 800;
        SpeedKmh = 0;
        CoolantCelsius = 90;
        FuelPercent = 50;
        OdometerKm = 12_345.6;
    }

    public double EngineRpm { get => Value(0x0C); set => SetPid(0x0C, value); }

    public double SpeedKmh { get => Value(0x0D); set => SetPid(0x0D, value); }

    public double CoolantCelsius { get => Value(0x05); set => SetPid(0x05, value); }

    public double FuelPercent { get => Value(0x2F); set => SetPid(0x2F, value); }

    public double OdometerKm { get => Value(0xA6); set => SetPid(0xA6, value); }

    public string? Vin
    {
        get { lock (_gate) return _vin; }
        set { lock (_gate) _vin = value; }
    }

    /// <summary>Confirmed trouble codes such as "P0301".</summary>
    public IReadOnlyList<string> Dtcs
    {
        get { lock (_gate) return _dtcs; }
        set { lock (_gate) _dtcs = value.ToArray(); }
    }

    public void SetPid(int pid, params double[] values)
    {
        lock (_gate) _pidValues[pid] = values.ToArray();
    }

    /// <summary>The values of a PID, or null when none were set (the ECU then answers zero bytes).</summary>
    public double[]? PidValues(int pid)
    {
        lock (_gate) return _pidValues.TryGetValue(pid, out var values) ? values.ToArray() : null;
    }

    private double Value(int pid) => PidValues(pid) is [var first, ..] ? first : 0;
}
