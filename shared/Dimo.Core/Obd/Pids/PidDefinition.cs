namespace Dimo.Core.Obd.Pids
{
    /// <summary>One SAE J1979 service-01 PID: its data length and the values it carries (none for bit-encoded PIDs).</summary>
    public sealed class PidDefinition
    {
        private static readonly PidValue[] NoValues = new PidValue[0];

        public PidDefinition(int pid, string name, int dataLength, PidValue[] values)
        {
            Pid = pid;
            Name = name;
            DataLength = dataLength;
            Values = values == null ? NoValues : values;
        }

        public int Pid { get; private set; }

        public string Name { get; private set; }

        /// <summary>Data bytes after the PID byte in the answer.</summary>
        public int DataLength { get; private set; }

        /// <summary>The numeric values; empty for bit-encoded and enumerated PIDs. The array is shared: do not modify it.</summary>
        public PidValue[] Values { get; private set; }

        public bool IsNumeric
        {
            get { return Values.Length > 0; }
        }
    }
}
