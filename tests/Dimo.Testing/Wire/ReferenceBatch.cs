using Dimo.Core.Wire;

namespace Dimo.Testing.Wire;

/// <summary>
/// The reference batch of shared/docs/wire-format.md: 20 s of the 20 signals a combustion car reports most
/// (catalog ids 1-20) at 1 Hz while driving at about 50 km/h, 400 readings. Each signal is polled at its own
/// point within the second, with ±5 ms of jitter; values drift the way real ones do. Seeded, so the same
/// readings come out every time.
/// </summary>
public static class ReferenceBatch
{
    /// <summary>2026-11-21T12:00:00Z.</summary>
    public const long StartTime = 1795262400000;

    public const uint BootId = 7;

    public const uint Seq = 1234;

    public const int Seconds = 20;

    public const int SignalCount = 20;

    private const int Seed = 20261121;

    public static Reading[] Readings()
    {
        var random = new Random(Seed);
        var readings = new List<Reading>(Seconds * SignalCount);
        double speed = 48.0, odometer = 48213.4, latitude = 52.52, longitude = 13.405, altitude = 34.0;
        double heading = 75.0, coolant = 89, fuel = 61.2, airTemperature = 14.5, intakeTemperature = 24;
        for (int second = 0; second < Seconds; second++)
        {
            speed = Math.Max(0, speed + Gaussian(random, 0.8));
            double metres = speed / 3.6;
            odometer += metres / 1000;
            heading += Gaussian(random, 1.5);
            latitude += metres * Math.Cos(heading * Math.PI / 180) / 111_320;
            longitude += metres * Math.Sin(heading * Math.PI / 180) / (111_320 * Math.Cos(latitude * Math.PI / 180));
            altitude += Gaussian(random, 0.2);
            if (random.NextDouble() < 0.1) coolant += random.Next(2) * 2 - 1;
            if (random.NextDouble() < 0.1) fuel -= 0.4;
            if (random.NextDouble() < 0.05) airTemperature += 0.1;
            if (random.NextDouble() < 0.1) intakeTemperature += random.Next(2) * 2 - 1;
            double load = 32 + Gaussian(random, 4);
            double[] values =
            [
                speed,
                odometer,
                1650 + speed * 12 + Gaussian(random, 30),
                coolant,
                fuel + Gaussian(random, 0.15),
                14.12 + Gaussian(random, 0.015),
                latitude,
                longitude,
                altitude,
                (heading % 360 + 360) % 360,
                airTemperature,
                load,
                intakeTemperature,
                38 + load / 4 + Gaussian(random, 1.5),
                101,
                812 + second,
                9.8 + load / 10 + Gaussian(random, 0.4),
                16.5 + Gaussian(random, 1.5),
                0.8 + Gaussian(random, 1.2),
                2.3,
            ];
            for (int signal = 0; signal < SignalCount; signal++)
            {
                long time = StartTime + second * 1000L + signal * 40 + random.Next(-5, 6);
                readings.Add(new Reading((ushort)(signal + 1), time, values[signal]));
            }
        }
        return readings.ToArray();
    }

    private static double Gaussian(Random random, double deviation)
    {
        double u = 1 - random.NextDouble();
        double v = random.NextDouble();
        return deviation * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
