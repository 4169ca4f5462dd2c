namespace Dimo.Core.Dongle
{
    /// <summary>A connection settings file the dongle cannot use: the line (0 for the file as a whole) and what to fix.</summary>
    public sealed class ConnectionSettingsException : System.Exception
    {
        public ConnectionSettingsException(int line, string reason)
            : base(line == 0 ? reason : "line " + line + ": " + reason)
        {
            Line = line;
        }

        public int Line { get; private set; }
    }
}
