using System;
using System.IO;
using Dimo.Testing;

namespace Dimo.Core.Tests.Crypto
{
    public class ScalarArithmetic_reduce_is_the_generated_source
    {
        private const string Signature = "protected override void Reduce(";
        private static readonly string SourcePath = RepositoryRoot.File("shared", "Dimo.Core", "Crypto", "Curve", "ScalarArithmetic.cs");

        [Fact]
        public void The_checked_in_folds_are_what_the_generator_writes()
        {
            string source = File.ReadAllText(SourcePath).Replace("\r\n", "\n");
            (int start, int end) = BodyRange(source);
            string generated = ScalarReduceSource.Body();

            if (Environment.GetEnvironmentVariable("DIMO_REGENERATE") == "1")
            {
                File.WriteAllText(SourcePath, source[..start] + generated + source[end..]);
                source = File.ReadAllText(SourcePath);
                (start, end) = BodyRange(source);
            }

            Assert.Equal(generated, source[start..end]);
        }

        // From the line after the method's opening brace to its closing brace's line.
        private static (int Start, int End) BodyRange(string source)
        {
            int signature = source.IndexOf(Signature, StringComparison.Ordinal);
            Assert.True(signature >= 0, "ScalarArithmetic.cs has no " + Signature);
            int start = source.IndexOf("{\n", signature, StringComparison.Ordinal) + 2;
            int end = source.IndexOf("\n        }\n", start, StringComparison.Ordinal) + 1;
            return (start, end);
        }
    }
}
