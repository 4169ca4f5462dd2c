using Dimo.Simulator.Ecu;

namespace Dimo.Simulator.Dongles;

/// <summary>
/// A synthetic drive for when no candump log is given: a repeating cycle of pulling away, cruising and stopping
/// (speed in km/h), with the engine speed following the gear, fuel slowly falling and the odometer counting
/// the distance. Each dongle starts at its own point of the cycle.
/// </summary>
public sealed class DriveProfile(VehicleState vehicle, long phaseMilliseconds)
{
    private const double CycleSeconds = 240;
    private long _lastAt = -1;

    /// <summary>Sets the vehicle's state for virtual time <paramref name="monotonicMilliseconds"/>.</summary>
    public void Update(long monotonicMilliseconds)
    {
        double t = ((monotonicMilliseconds + phaseMilliseconds) / 1000.0) % CycleSeconds;
        double speed = t switch
        {
            < 20 => 0,
            < 50 => (t - 20) / 30 * 90,
            < 170 => 90 + 10 * Math.Sin((t - 50) / 15),
            < 200 => (200 - t) / 30 * 90,
            _ => 0,
        };
        int gear = Math.Clamp((int)(speed / 25) + 1, 1, 6);
        vehicle.SpeedKmh = Math.Round(speed);
        vehicle.EngineRpm = Math.Round(speed < 1 ? 800 : 900 + speed * 95 / gear);
        if (_lastAt >= 0)
        {
            double hours = (monotonicMilliseconds - _lastAt) / 3_600_000.0;
            vehicle.OdometerKm += speed * hours;
            vehicle.FuelPercent = Math.Max(5, vehicle.FuelPercent - speed * hours * 0.08);
        }
        _lastAt = monotonicMilliseconds;
    }
}
