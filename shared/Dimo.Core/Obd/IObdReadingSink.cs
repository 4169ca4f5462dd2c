namespace Dimo.Core.Obd
{
    /// <summary>Where the OBD side delivers readings: a catalog signal id, the Unix time in ms, and the value.</summary>
    public interface IObdReadingSink
    {
        void OnNumber(int signalId, long unixMilliseconds, double value);

        void OnText(int signalId, long unixMilliseconds, string value);
    }
}
