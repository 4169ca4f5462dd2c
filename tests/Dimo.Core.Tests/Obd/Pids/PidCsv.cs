using System.Text.RegularExpressions;
using Dimo.Testing;

namespace Dimo.Core.Tests.Obd.Pids;

/// <summary>One line of shared/docs/obd/pids.csv, with its formulas made evaluable for A, B, C, D.</summary>
public sealed record PidCsvRow(int Pid, string Name, int DataBytes, string Formula, string Unit)
{
    public static IReadOnlyList<PidCsvRow> Load() =>
        File.ReadAllLines(RepositoryRoot.File("shared", "docs", "obd", "pids.csv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(f => new PidCsvRow(Convert.ToInt32(f[0], 16), f[1], int.Parse(f[2]), f[3], f[4]))
            .ToList();

    public bool IsNumeric => Unit.Length > 0;

    /// <summary>One unit per value; a single unit for a PID with several values (0x55-0x58) applies to each.</summary>
    public string[] Units
    {
        get
        {
            var units = Unit.Split(" ; ");
            return units.Length == 1 ? Enumerable.Repeat(units[0], Formulas.Length).ToArray() : units;
        }
    }

    /// <summary>True when the CSV says A:B is a signed 16-bit two's-complement number (0x32).</summary>
    public bool IsSigned => Formula.Contains("signed 16-bit");

    /// <summary>The formulas without remarks such as "(B=0xFF: sensor not used in trim)" or "with A:B as signed ...".</summary>
    public string[] Formulas
    {
        get
        {
            var text = Regex.Replace(Formula, @"\s*\([^()]*(:|;|reserved)[^()]*\)", "");
            text = Regex.Replace(text, @"\s+with .*$", "");
            return text.Split(" ; ").Select(f => f.Trim()).ToArray();
        }
    }

    public double Evaluate(int index, byte[] data)
    {
        double a = IsSigned && data[0] >= 0x80 ? data[0] - 256 : data[0];
        return new FormulaEvaluator(Formulas[index], a, data[1], data[2], data[3]).Evaluate();
    }
}
