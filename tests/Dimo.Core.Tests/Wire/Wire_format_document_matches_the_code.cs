using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Core.Tests.Crypto;
using Dimo.Core.Wire;

namespace Dimo.Core.Tests.Wire;

/// <summary>shared/docs/wire-format.md states what the code does: the signal table and the worked example.</summary>
public class Wire_format_document_matches_the_code
{
    [Fact]
    public void The_signal_table_lists_every_catalog_signal_with_its_unit_and_step()
    {
        var expected = SignalCatalog.All.Select(s => new[]
        {
            s.Id.ToString(), s.Name, s.Unit.Length == 0 ? "—" : s.Unit,
            s.Kind == SignalKind.Text ? "—" : $"{s.StepNumerator}/{s.StepDenominator}",
            s.Kind == SignalKind.Text ? "text" : "number",
        });

        Assert.Equal(expected, WireFormatDocument.SignalRows());
    }

    [Fact]
    public void The_worked_example_body_is_what_the_writer_produces()
    {
        var body = new BatchWriter().WriteBody(WorkedExample.BootId, WorkedExample.Seq, WorkedExample.Readings());

        Assert.Equal(WireFormatDocument.MarkedHex("example-body"), Hex.Encode(body));
    }

    [Fact]
    public void The_worked_example_signature_is_what_seal_produces_and_recovers_the_documented_address()
    {
        var key = PrivateKey.FromBytes(Hex.Decode(WorkedExample.PrivateKeyHex));
        var body = new BatchWriter().WriteBody(WorkedExample.BootId, WorkedExample.Seq, WorkedExample.Readings());

        var wire = SignedBatch.Seal(body, key);
        var signature = wire[body.Length..];

        Assert.Equal(WireFormatDocument.MarkedHex("example-signature"), Hex.Encode(signature));
        Assert.Equal(WorkedExample.Address, key.ChecksumAddress);
        Assert.Contains(WorkedExample.Address, WireFormatDocument.Text);
        var recovered = Secp256k1Reference.Recover(Eip191.Hash(body, 0, body.Length), signature);
        Assert.Equal(key.PublicKey, recovered);
    }

    [Fact]
    public void The_worked_example_decodes_to_its_readings()
    {
        var batch = Read.Body(Hex.Decode(WireFormatDocument.MarkedHex("example-body")));

        Assert.Equal(WorkedExample.BootId, batch.BootId);
        Assert.Equal(WorkedExample.Seq, batch.Seq);
        Assert.Equal(WorkedExample.Start, batch.BaseTime);
        RandomBatches.AssertSame(RandomBatches.Expected(WorkedExample.Readings()), batch.Readings);
    }
}
