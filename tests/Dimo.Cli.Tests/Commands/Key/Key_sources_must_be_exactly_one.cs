using Dimo.Cli.Keys;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Key;

public class Key_sources_must_be_exactly_one
{
    [Fact]
    public void No_key_source_is_a_usage_error_naming_all_three()
    {
        var run = DimoCli.Run("key", "address");

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Output);
        AssertOneLine(run.Errors);
        Assert.Contains("--private-key", run.Errors);
        Assert.Contains("--key-file", run.Errors);
        Assert.Contains(SigningKeyOptions.EnvironmentVariable, run.Errors);
    }

    [Fact]
    public void A_key_option_and_a_key_file_together_are_a_usage_error_naming_both()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("device.key"), TestKeys.PrivateKey);

        var run = DimoCli.Run("key", "address", "--private-key", TestKeys.PrivateKey, "--key-file", dir.File("device.key"));

        Assert.Equal(2, run.Exit);
        AssertOneLine(run.Errors);
        Assert.Contains("more than one private key source (--private-key, --key-file)", run.Errors);
        Assert.DoesNotContain(TestKeys.PrivateKey[2..], run.Errors);
    }

    [Fact]
    public void The_environment_variable_beside_an_option_is_a_usage_error_naming_both()
    {
        var run = DimoCli.RunProcess(["key", "address", "--private-key", TestKeys.PrivateKey],
            new Dictionary<string, string?> { [SigningKeyOptions.EnvironmentVariable] = TestKeys.PrivateKey });

        Assert.Equal(2, run.Exit);
        AssertOneLine(run.Errors);
        Assert.Contains("--private-key, " + SigningKeyOptions.EnvironmentVariable, run.Errors);
    }

    private static void AssertOneLine(string errors)
    {
        Assert.StartsWith("dimo: ", errors);
        Assert.Single(errors.TrimEnd().Split('\n'));
    }
}
