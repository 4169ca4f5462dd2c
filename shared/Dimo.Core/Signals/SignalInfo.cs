namespace Dimo.Core.Signals
{
    /// <summary>
    /// One catalog entry. A number is carried as an integer count of steps, where one step is
    /// <see cref="StepNumerator"/> / <see cref="StepDenominator"/> units. Keeping the step as a ratio of
    /// integers (0.1 = 1/10, 0.25 = 1/4, 1e-7 = 1/10000000) lets a decoder compute raw * num / den with one
    /// correctly rounded division, so 0.1-steps print as 12.3 rather than 12.299999999999999.
    /// </summary>
    public sealed class SignalInfo
    {
        public SignalInfo(ushort id, string name, string unit, SignalKind kind, long stepNumerator, long stepDenominator)
        {
            Id = id;
            Name = name;
            Unit = unit;
            Kind = kind;
            StepNumerator = stepNumerator;
            StepDenominator = stepDenominator;
        }

        /// <summary>Stable wire id; fixed in shared/docs/wire-format.md and never reused.</summary>
        public ushort Id { get; private set; }

        /// <summary>DIMO's VSS-style name, e.g. <c>powertrainCombustionEngineSpeed</c>.</summary>
        public string Name { get; private set; }

        public string Unit { get; private set; }

        public SignalKind Kind { get; private set; }

        public long StepNumerator { get; private set; }

        public long StepDenominator { get; private set; }

        /// <summary>The step as a double, for display and tolerance checks.</summary>
        public double Resolution
        {
            get { return (double)StepNumerator / StepDenominator; }
        }

        /// <summary>Physical value of a raw step count.</summary>
        public double ToValue(long raw)
        {
            return (double)(raw * StepNumerator) / StepDenominator;
        }

        /// <summary>Nearest raw step count of a physical value (half away from zero).</summary>
        public long ToRaw(double value)
        {
            return ToRaw(value, StepNumerator, StepDenominator);
        }

        /// <summary>Nearest raw step count of a physical value at this step (half away from zero).</summary>
        internal static long ToRaw(double value, long stepNumerator, long stepDenominator)
        {
            double steps = value * stepDenominator / stepNumerator;
            return steps >= 0 ? (long)(steps + 0.5) : -(long)(-steps + 0.5);
        }
    }
}
