namespace Dimo.Core.Dongle
{
    /// <summary>A settings file on the dongle (<see cref="SettingsFile"/>) it cannot use: the line (0 for the file as a whole) and what to fix.</summary>
    public sealed class SettingsFileException : System.Exception
    {
        public SettingsFileException(int line, string reason)
            : base(line == 0 ? reason : "line " + line + ": " + reason)
        {
            Line = line;
        }

        public int Line { get; private set; }
    }
}
