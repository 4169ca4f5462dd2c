using System.Collections.Generic;
using System.Text;

namespace Dimo.Core.Tests.Crypto
{
    /// <summary>
    /// Writes the body of <c>ScalarArithmetic.Reduce</c> (shared/Dimo.Core/Crypto/Curve/ScalarArithmetic.cs), the
    /// reduction modulo n written out limb by limb. c = 2^256 - n has four 32-bit limbs C0..C3 and a top limb of 1,
    /// so a fold replaces limbs t8.. (the high part h) by h * c added to t0..t7. The folds' input sizes are fixed
    /// (16 limbs, a product, → 14 → 12 → 10 → 9, then three folds of 9 limbs) so that any product ends below
    /// 2^256, and one constant-time conditional subtraction of n finishes; ModularArithmetic_agrees_with_BigInteger
    /// checks the outcome on edge and random values.
    /// Regenerate with <c>DIMO_REGENERATE=1 dotnet test tests/Dimo.Core.Tests --filter ScalarArithmetic_reduce</c>.
    /// </summary>
    public static class ScalarReduceSource
    {
        private static readonly int[] FoldInputLimbs = { 16, 14, 12, 10, 9, 9, 9 };
        private const string Indent = "            ";

        public static string Body()
        {
            var lines = new List<string>();
            int maxProductLimbs = FoldInputLimbs[0] - 8 + 5;
            lines.Add("ulong carry;");
            var names = new List<string>();
            for (int i = 0; i < maxProductLimbs; i++)
                names.Add("p" + i);
            lines.Add("ulong " + string.Join(", ", names) + ";");
            for (int fold = 0; fold < FoldInputLimbs.Length; fold++)
            {
                int inputs = FoldInputLimbs[fold];
                int outputs = fold + 1 < FoldInputLimbs.Length ? FoldInputLimbs[fold + 1] : 9;
                lines.Add("// Fold " + (fold + 1) + ": " + inputs + " limbs -> " + outputs + ".");
                Fold(lines, inputs - 8, outputs);
            }
            lines.Add("// Now t8 is zero and the value is below 2^256 < 2n: subtract n once if it is not below n.");
            for (int i = 0; i < 8; i++)
            {
                string addend = i < 4 ? " + C" + i : i == 4 ? " + 1" : "";
                lines.Add(i == 0 ? "carry = t0" + addend + ";" : "carry = (carry >> 32) + t" + i + addend + ";");
                lines.Add("ulong s" + i + " = carry & Low;");
            }
            lines.Add("ulong useSum = 0UL - (carry >> 32);");
            for (int i = 0; i < 8; i++)
                lines.Add("result[" + i + "] = (uint)((t" + i + " & ~useSum) | (s" + i + " & useSum));");

            var text = new StringBuilder();
            foreach (string line in lines)
                text.Append(Indent).Append(line).Append('\n');
            return text.ToString();
        }

        // p = h * c, row by row (schoolbook, one row per high limb), then t0.. = t0..t7 + p.
        private static void Fold(List<string> lines, int highLimbs, int outputs)
        {
            for (int j = 0; j < highLimbs; j++)
            {
                string t = "t" + (8 + j);
                for (int k = 0; k < 5; k++)
                {
                    string product = k < 4 ? t + " * C" + k : t;
                    string accumulated = j > 0 ? " + p" + (j + k) : "";
                    lines.Add(k == 0 ? "carry = " + product + accumulated + ";" : "carry = (carry >> 32) + " + product + accumulated + ";");
                    lines.Add("p" + (j + k) + " = carry & Low;");
                }
                lines.Add("p" + (j + 5) + " = carry >> 32;");
            }
            int productLimbs = highLimbs + 5;
            int last = outputs - 1;
            for (int i = 0; i < last; i++)
            {
                string sum = i < 8 ? "t" + i + (i < productLimbs ? " + p" + i : "") : "p" + i;
                lines.Add(i == 0 ? "carry = " + sum + ";" : "carry = (carry >> 32) + " + sum + ";");
                lines.Add("t" + i + " = carry & Low;");
            }
            lines.Add("carry = (carry >> 32);");
            lines.Add("t" + last + " = carry & Low;");
        }
    }
}
