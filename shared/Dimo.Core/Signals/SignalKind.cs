namespace Dimo.Core.Signals
{
    /// <summary>How a signal's value travels: a number at the catalog's resolution, or UTF-8 text.</summary>
    public enum SignalKind
    {
        Number = 0,
        Text = 1,
    }
}
