using Dimo.Cli.Tests.Commands.Key;

namespace Dimo.Cli.Tests.Commands.Batch;

/// <summary>Issue 19, item 4: a corrupted signature usually recovers some other address; --expect-signer catches it.</summary>
public class Inspect_expect_signer_fails_a_batch_another_key_signed
{
    private const string Readings = """[{"timestamp": 1700000000000, "name": "speed", "value": 48.3}]""";

    [Fact]
    public void The_right_signer_passes_and_says_it_matched()
    {
        using var files = new BatchFiles();

        var run = DimoCli.Run("batch", "inspect", "--hex", files.SignedHex(Readings), "--expect-signer", TestKeys.Address.ToLowerInvariant());

        Assert.Equal(0, run.Exit);
        Assert.Contains("\"signerCheck\":\"matches --expect-signer\"", run.Output);
    }

    [Fact]
    public void A_corrupted_signature_recovers_another_signer_and_exits_1_naming_both()
    {
        using var files = new BatchFiles();
        var hex = files.SignedHex(Readings);
        // Flip one bit of s (the signature's second 32 bytes): recovery still succeeds, to a different key.
        int sDigit = hex.Length - 2 - 10;
        var corrupted = hex[..sDigit] + (hex[sDigit] == '0' ? '1' : '0') + hex[(sDigit + 1)..];

        var unchecked_ = DimoCli.Run("batch", "inspect", "--hex", corrupted);
        var run = DimoCli.Run("batch", "inspect", "--hex", corrupted, "--expect-signer", TestKeys.Address);

        Assert.Equal(0, unchecked_.Exit);
        Assert.Contains("not compared: pass --expect-signer", unchecked_.Output);
        Assert.Equal(1, run.Exit);
        Assert.Contains("\"signerCheck\":\"differs from --expect-signer " + TestKeys.Address + "\"", run.Output);
        Assert.StartsWith("dimo: the batch's signature recovers 0x", run.Errors);
        Assert.Contains("not --expect-signer " + TestKeys.Address, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }

    [Fact]
    public void An_expected_signer_that_is_no_address_is_a_usage_error()
    {
        var run = DimoCli.Run("batch", "inspect", "--hex", "0x00", "--expect-signer", "0x1234");

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("dimo: --expect-signer is not an address", run.Errors);
    }
}
