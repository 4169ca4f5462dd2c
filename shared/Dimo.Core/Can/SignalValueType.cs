namespace Dimo.Core.Can
{
    /// <summary>How a signal's raw bits become a number (DBC SIG_VALTYPE_).</summary>
    public enum SignalValueType
    {
        Integer = 0,
        Float32 = 1,
        Float64 = 2,
    }
}
