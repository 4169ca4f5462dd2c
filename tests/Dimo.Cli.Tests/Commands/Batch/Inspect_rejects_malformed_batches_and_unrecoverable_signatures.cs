using Dimo.Cli.Tests.Commands.Key;
using Dimo.Core.Crypto;

namespace Dimo.Cli.Tests.Commands.Batch;

public class Inspect_rejects_malformed_batches_and_unrecoverable_signatures
{
    private const string Readings = """[{"timestamp":1700000000000,"name":"speed","value":10}]""";

    [Theory]
    [InlineData("0x12345", "--hex is not hex")]
    [InlineData("0xnothex!", "--hex is not hex")]
    [InlineData("0x4401", "malformed batch: Truncated at byte 2: 2 bytes cannot hold a 65-byte signature")]
    public void Text_that_is_no_batch_exits_1_with_the_reason(string hex, string error)
    {
        var run = DimoCli.Run("batch", "inspect", "--hex", hex);

        AssertRefused(run, error);
    }

    [Fact]
    public void A_body_breaking_the_wire_format_exits_1_with_the_batch_format_reason()
    {
        using var files = new BatchFiles();
        var wire = Hex.Decode(files.SignedHex(Readings));
        wire[0] = 0x45;

        AssertRefused(DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(wire)), "malformed batch: BadMagic at byte 0: the first byte is not 0x44");
    }

    [Fact]
    public void Bytes_after_the_last_group_are_named_as_trailing()
    {
        using var files = new BatchFiles();
        var wire = Hex.Decode(files.SignedHex(Readings));
        var longer = wire[..^65].Append((byte)0).Concat(wire[^65..]).ToArray();

        AssertRefused(DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(longer)), "malformed batch: TrailingBytes");
    }

    [Theory]
    [InlineData(29, "signature defect RecoveryByte")]
    [InlineData(0, "signature defect RecoveryByte")]
    public void A_recovery_byte_other_than_27_or_28_recovers_no_signer(byte v, string reason)
    {
        using var files = new BatchFiles();
        var wire = Hex.Decode(files.SignedHex(Readings));
        wire[^1] = v;

        AssertRefused(DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(wire)), "the signature recovers no signer: " + reason);
    }

    [Fact]
    public void A_high_s_twin_of_a_valid_signature_recovers_no_signer()
    {
        using var files = new BatchFiles();
        var wire = Hex.Decode(files.SignedHex(Readings));
        var order = System.Numerics.BigInteger.Parse("0" + TestKeys.Order[2..], System.Globalization.NumberStyles.HexNumber);
        var s = new System.Numerics.BigInteger(wire.AsSpan(wire.Length - 33, 32), isUnsigned: true, isBigEndian: true);
        (order - s).TryWriteBytes(wire.AsSpan(wire.Length - 33, 32), out _, isUnsigned: true, isBigEndian: true);
        wire[^1] = (byte)(wire[^1] == 27 ? 28 : 27);

        AssertRefused(DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(wire)), "the signature recovers no signer: signature defect HighS");
    }

    [Fact]
    public void An_r_that_is_no_curve_point_recovers_no_signer()
    {
        using var files = new BatchFiles();
        var wire = Hex.Decode(files.SignedHex(Readings));
        // x = 5: 5^3 + 7 = 132 is not a square modulo the secp256k1 prime, so no point has this x.
        Array.Clear(wire, wire.Length - 65, 32);
        wire[wire.Length - 34] = 5;

        AssertRefused(DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(wire)), "the signature recovers no signer: r is not the x-coordinate of a curve point");
    }

    [Fact]
    public void A_changed_body_recovers_a_different_signer()
    {
        using var files = new BatchFiles();
        var original = DimoCli.Run("batch", "inspect", "--hex", files.SignedHex(Readings, "--seq", "1"));
        var wire = Hex.Decode(files.SignedHex(Readings, "--seq", "1"));
        wire[3] = 2; // seq 1 → 2: still a well-formed body, no longer the one that was signed

        var tampered = DimoCli.Run("batch", "inspect", "--hex", Hex.Encode(wire));

        Assert.Equal(0, tampered.Exit);
        Assert.Contains("\"signer\":\"" + TestKeys.Address + "\"", original.Output);
        Assert.DoesNotContain(TestKeys.Address, tampered.Output);
        Assert.Contains("\"seq\":2", tampered.Output);
    }

    private static void AssertRefused(CliRun run, string error)
    {
        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Output);
        Assert.StartsWith("dimo: " + error, run.Errors);
        Assert.Single(run.Errors.TrimEnd().Split('\n'));
    }
}
