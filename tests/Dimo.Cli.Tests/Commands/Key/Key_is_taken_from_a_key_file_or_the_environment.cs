using Dimo.Cli.Keys;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Key;

public class Key_is_taken_from_a_key_file_or_the_environment
{
    [Fact]
    public void A_key_file_with_surrounding_whitespace_gives_the_key()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("device.key"), "  \n" + TestKeys.PrivateKey + "\r\n\n");

        var run = DimoCli.Run("key", "address", "--key-file", dir.File("device.key"));

        Assert.Equal(0, run.Exit);
        Assert.Equal(TestKeys.Address, run.Line);
    }

    [Fact]
    public void The_environment_variable_gives_the_key_when_no_option_does()
    {
        var run = DimoCli.RunProcess(["key", "address"],
            new Dictionary<string, string?> { [SigningKeyOptions.EnvironmentVariable] = TestKeys.PrivateKey });

        Assert.Equal(0, run.Exit);
        Assert.Equal(TestKeys.Address, run.Line);
    }

    [Fact]
    public void Batch_sign_takes_its_key_from_a_key_file_too()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("device.key"), TestKeys.PrivateKey + "\n");
        File.WriteAllText(dir.File("readings.json"), """[{"timestamp":1700000000000,"name":"speed","value":12.5}]""");

        var signed = DimoCli.Run("batch", "sign", "--key-file", dir.File("device.key"), "--readings", dir.File("readings.json"));
        var inspected = DimoCli.Run("batch", "inspect", "--hex", signed.Line);

        Assert.Equal(0, signed.Exit);
        Assert.Contains("\"signer\":\"" + TestKeys.Address + "\"", inspected.Output);
    }
}
