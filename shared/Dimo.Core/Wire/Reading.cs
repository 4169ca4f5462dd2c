namespace Dimo.Core.Wire
{
    /// <summary>
    /// One value of one signal at one time. A Number signal carries <see cref="Value"/> in the catalog's unit
    /// (the wire keeps it at the catalog's step); a Text signal carries <see cref="Text"/>.
    /// </summary>
    public sealed class Reading
    {
        public Reading(ushort signalId, long time, double value)
        {
            SignalId = signalId;
            Time = time;
            Value = value;
        }

        public Reading(ushort signalId, long time, string text)
        {
            SignalId = signalId;
            Time = time;
            Text = text;
        }

        /// <summary>Catalog id (<see cref="Dimo.Core.Signals.SignalCatalog"/>).</summary>
        public ushort SignalId { get; private set; }

        /// <summary>Unix time in milliseconds.</summary>
        public long Time { get; private set; }

        /// <summary>The number, for Number signals; 0 for Text signals.</summary>
        public double Value { get; private set; }

        /// <summary>The text, for Text signals; null for Number signals.</summary>
        public string Text { get; private set; }
    }
}
