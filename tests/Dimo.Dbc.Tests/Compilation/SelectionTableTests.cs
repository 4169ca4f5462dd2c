using Dimo.Core.Can;
using Dimo.Core.Signals;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Parsing;
using Dimo.Testing;
using Xunit.Abstractions;

namespace Dimo.Dbc.Tests.Compilation;

public class SelectionTableTests(ITestOutputHelper log)
{
    public static TheoryData<string> Selections()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections"), "*.json").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Selections))]
    public void A_vehicle_selection_compiles_to_a_small_table_that_maps_every_entry_to_its_catalog_id(string name)
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", name));
        var dbc = DbcParser.ParseFile(selection.DbcPath);

        var compiled = DecoderTableCompiler.Compile(dbc, selection);
        var table = DecoderTable.Load(compiled.Bytes);
        var filters = compiled.Filters!;

        log.WriteLine($"{name}: {selection.Signals.Count} signals in {table.MessageCount} messages, {compiled.Bytes.Length} bytes, "
            + $"filters accept {filters.AcceptedIdCount} ids for {filters.NeededIdCount} needed");
        Assert.InRange(selection.Signals.Count, 15, 40);
        Assert.True(compiled.Bytes.Length <= 8 * 1024, $"{compiled.Bytes.Length} bytes");
        Assert.False(table.HasNames);
        var catalogIds = Enumerable.Range(0, table.SignalCount).Select(table.SignalCatalogId).Where(id => id != 0).ToList();
        Assert.Equal(selection.Signals.Values.Select(n => (int)SignalCatalog.ByName(n)!.Id).Order(), catalogIds.Order());
        Assert.Equal(filters.ToWords(), table.AcceptanceFilterWords);
        Assert.All(compiled.MessageKeys, key => Assert.True(filters.Accepts(key)));
    }

    [Fact]
    public void Selected_signals_decode_with_their_catalog_ids()
    {
        var selection = DbcSelection.Load(RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"));
        var dbc = DbcParser.ParseFile(selection.DbcPath);
        var table = DecoderTable.Load(DecoderTableCompiler.Compile(dbc, selection).Bytes);
        var decoder = new FrameDecoder(table);
        var result = decoder.CreateResult();
        var frame = new CanFrame();
        // ENGINE_DATA 0x158: XMISSION_SPEED 7|16@0+ (0.01) = 0x1388 → 50 km/h.
        frame.Set(0x158, false, [0x13, 0x88, 0, 0, 0, 0, 0, 0], 0, 8);

        Assert.Equal(DecodeOutcome.Decoded, decoder.Decode(frame, result));

        var speed = Assert.Single(Enumerable.Range(0, result.Count), i => table.SignalCatalogId(result.SignalIndexes[i]) == SignalCatalog.ByName("speed")!.Id);
        Assert.Equal(50, result.Values[speed], 9);
    }

    [Fact]
    public void A_multiplexed_selection_brings_its_multiplexer_along()
    {
        var dbc = DbcParser.Parse("""
            BO_ 100 M: 8 X
             SG_ MUX M : 0|8@1+ (1,0) [0|0] "" X
             SG_ A m1 : 8|8@1+ (1,0) [0|0] "" X
             SG_ B m2 : 8|8@1+ (1,0) [0|0] "" X
            """, "mux.dbc");
        var selection = new DbcSelection { Dbc = "mux.dbc", Signals = new() { ["M.B"] = "speed" } };

        var table = DecoderTable.Load(DecoderTableCompiler.Compile(dbc, selection, includeNames: true).Bytes);

        Assert.Equal(2, table.SignalCount);
        Assert.Equal("MUX", table.SignalName(table.MessageMultiplexer(0)));
        Assert.Equal(0, table.SignalCatalogId(table.MessageMultiplexer(0)));
    }

    [Theory]
    [InlineData("NOPE.A", "speed", "has no message NOPE")]
    [InlineData("M.NOPE", "speed", "message M has no signal NOPE")]
    [InlineData("M.A", "notACatalogSignal", "'notACatalogSignal' is not a catalog signal")]
    [InlineData("M.A", "vin", "text signal")]
    [InlineData("MA", "speed", "is not MESSAGE.SIGNAL")]
    public void A_selection_naming_something_that_does_not_exist_is_rejected(string path, string catalogName, string reason)
    {
        var dbc = DbcParser.Parse("BO_ 100 M: 8 X\n SG_ A : 0|8@1+ (1,0) [0|0] \"\" X\n", "one.dbc");
        var selection = new DbcSelection { Dbc = "one.dbc", Signals = new() { [path] = catalogName } };

        var error = Assert.Throws<DbcSelectionException>(() => DecoderTableCompiler.Compile(dbc, selection));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_selected_signal_that_does_not_fit_its_message_cannot_be_compiled()
    {
        var dbc = DbcParser.Parse("BO_ 100 M: 2 X\n SG_ A : 16|8@1+ (1,0) [0|0] \"\" X\n", "overflow.dbc");
        var selection = new DbcSelection { Dbc = "overflow.dbc", Signals = new() { ["M.A"] = "speed" } };

        var error = Assert.Throws<DecoderTableCompileException>(() => DecoderTableCompiler.Compile(dbc, selection));

        Assert.Contains("M.A (line 2) does not fit in the message's 2 bytes", error.Message);
    }

    [Fact]
    public void Compiling_a_whole_file_leaves_out_and_names_messages_the_table_cannot_hold()
    {
        var dbc = DbcParser.Parse("""
            BO_ 100 FITS: 8 X
             SG_ A : 0|8@1+ (1,0) [0|0] "" X
            BO_ 101 TOO_SHORT: 2 X
             SG_ B : 16|8@1+ (1,0) [0|0] "" X
            BO_ 102 NESTED: 8 X
             SG_ M1 M : 0|4@1+ (1,0) [0|0] "" X
             SG_ M2 m1M : 4|4@1+ (1,0) [0|0] "" X
             SG_ C m2 : 8|8@1+ (1,0) [0|0] "" X
            """, "odd.dbc");

        var compiled = DecoderTableCompiler.CompileAll(dbc);
        var table = DecoderTable.Load(compiled.Bytes);

        Assert.Equal(1, table.MessageCount);
        Assert.Equal("FITS", table.MessageName(0));
        Assert.Equal(2, compiled.SkippedMessages.Count);
        Assert.Contains(compiled.SkippedMessages, r => r.Contains("TOO_SHORT.B"));
        Assert.Contains(compiled.SkippedMessages, r => r.Contains("NESTED has more than one multiplexer"));
    }
}
