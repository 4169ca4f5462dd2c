using System.Collections;
using Dimo.Core.Obd.Pids;

namespace Dimo.Core.Obd
{
    /// <summary>
    /// A vehicle template: which PIDs to poll and how often, plus the VIN and trouble codes. Its text form is
    /// a list of <c>key=seconds</c> entries separated by commas or line breaks, where the key is a PID in hex that
    /// reports a catalog signal (<c>0C</c> or <c>0x0C</c>), <c>vin</c> or <c>dtc</c>, and the value is whole seconds or <c>once</c>;
    /// e.g. <c>0C=5, 0D=10, 2F=60, A6=60, vin=once, dtc=300</c>. Lines starting with # are comments.
    /// </summary>
    public sealed class PollTemplate
    {
        /// <summary>The intervals a DIMO-style aftermarket device uses: engine values often, slow values each minute.</summary>
        public const string DefaultText = "0C=5, 11=5, 0D=10, 04=10, 05=30, 0F=30, 2F=60, A6=60, 42=60, 46=60, 1F=60, vin=once, dtc=300";

        private readonly ArrayList _items = new ArrayList();

        public int Count
        {
            get { return _items.Count; }
        }

        public PollItem Item(int index)
        {
            return (PollItem)_items[index];
        }

        public static PollTemplate Default()
        {
            return Parse(DefaultText);
        }

        public void AddPid(int pid, int intervalMilliseconds)
        {
            if (!ReportsSignal(PidTable.Find(pid)))
            {
                throw new System.ArgumentException("PID 0x" + pid.ToString("X2") + " reports no catalog signal", "pid");
            }
            Add(new PollItem(PollItemKind.Pid, pid, intervalMilliseconds));
        }

        public void Add(PollItem item)
        {
            if (item.IntervalMilliseconds < 0)
            {
                throw new System.ArgumentOutOfRangeException("item", "interval must not be negative");
            }
            _items.Add(item);
        }

        /// <summary>Reads the text form; a bad entry throws a <see cref="System.FormatException"/> naming it.</summary>
        public static PollTemplate Parse(string text)
        {
            PollTemplate template = new PollTemplate();
            string[] lines = text.Split(new char[] { '\n' });
            for (int l = 0; l < lines.Length; l++)
            {
                string line = lines[l].Trim();
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }
                string[] entries = line.Split(new char[] { ',' });
                for (int e = 0; e < entries.Length; e++)
                {
                    string entry = entries[e].Trim();
                    if (entry.Length > 0)
                    {
                        template.AddEntry(entry);
                    }
                }
            }
            return template;
        }

        private void AddEntry(string entry)
        {
            int equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                throw new System.FormatException("template entry '" + entry + "' is not key=seconds");
            }
            string key = entry.Substring(0, equals).Trim().ToLower();
            string value = entry.Substring(equals + 1).Trim().ToLower();
            int interval = string.Equals(value, "once") ? 0 : ParseNumber(value, 10, entry) * 1000;
            if (string.Equals(key, "vin"))
            {
                Add(new PollItem(PollItemKind.Vin, 0, interval));
                return;
            }
            if (string.Equals(key, "dtc"))
            {
                Add(new PollItem(PollItemKind.Dtcs, 0, interval));
                return;
            }
            if (key.StartsWith("0x"))
            {
                key = key.Substring(2);
            }
            int pid = ParseNumber(key, 16, entry);
            try
            {
                AddPid(pid, interval);
            }
            catch (System.ArgumentException e)
            {
                throw new System.FormatException("template entry '" + entry + "': " + e.Message);
            }
        }

        private static bool ReportsSignal(PidDefinition definition)
        {
            if (definition == null)
            {
                return false;
            }
            for (int i = 0; i < definition.Values.Length; i++)
            {
                if (definition.Values[i].SignalId != 0)
                {
                    return true;
                }
            }
            return false;
        }

        private static int ParseNumber(string text, int radix, string entry)
        {
            if (text.Length == 0 || text.Length > 6)
            {
                throw new System.FormatException("template entry '" + entry + "' has no valid number");
            }
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int digit = "0123456789abcdef".IndexOf(text[i]);
                if (digit < 0 || digit >= radix)
                {
                    throw new System.FormatException("template entry '" + entry + "' has no valid number");
                }
                value = value * radix + digit;
            }
            return value;
        }
    }
}
