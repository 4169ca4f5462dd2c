namespace Dimo.Core.Obd
{
    public enum PollItemKind
    {
        /// <summary>A service-01 PID.</summary>
        Pid = 0,
        Vin = 1,
        Dtcs = 2,
    }
}
