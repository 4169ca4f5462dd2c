using System.CommandLine;
using System.Globalization;
using Dimo.Dbc;
using Dimo.Dbc.Compilation;
using Dimo.Dbc.Filters;
using Dimo.Dbc.Parsing;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo dbc compile --selection vehicle.json --out table.bin</c>: compiles a vehicle selection into the
/// binary decoder table the dongle loads, and prints its size, CAN ids and MCP2515 filters. <c>--obd 11</c> or
/// <c>--obd 29</c> plans the filters so they also pass the OBD answers of a dongle that polls the vehicle.
/// </summary>
public static class DbcCommand
{
    public static Command Create()
    {
        var selectionOption = new Option<FileInfo>("--selection") { Description = "selection JSON (cloud/Dimo.Dbc/selections)", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "where to write the table", Required = true };
        var obdOption = new Option<string>("--obd") { Description = "the filters also pass OBD answers: none, 11 (0x7E8-0x7EF) or 29 (0x18DAF1xx)", DefaultValueFactory = _ => "none" };
        obdOption.AcceptOnlyFromAmong("none", "11", "29");
        var compile = new Command("compile", "Compile a vehicle selection into a decoder table") { selectionOption, outOption, obdOption };
        compile.SetAction(parsed => Compile(parsed.GetValue(selectionOption)!, parsed.GetValue(outOption)!, parsed.InvocationConfiguration.Output,
            parsed.GetValue(obdOption)!, parsed.InvocationConfiguration.Error));
        return new Command("dbc", "DBC decoder tables") { compile };
    }

    /// <param name="progress">Told each stage as it starts (stderr in the CLI), so a large DBC shows what is happening.</param>
    public static int Compile(FileInfo selectionFile, FileInfo outFile, TextWriter output, string obd = "none", TextWriter? progress = null)
    {
        var obdAnswers = obd switch
        {
            "none" => null,
            "11" => ObdResponseKeys.Standard,
            "29" => ObdResponseKeys.Extended,
            _ => throw new CliException("--obd is none, 11 or 29"),
        };
        CompiledDecoderTable compiled;
        try
        {
            var selection = DbcSelection.Load(selectionFile.FullName);
            var dbc = new FileInfo(selection.DbcPath);
            progress?.WriteLine($"dbc compile: parsing {dbc.Name}{(dbc.Exists ? $" ({dbc.Length / 1024} KB)" : "")}");
            var parsed = DbcParser.ParseFile(selection.DbcPath);
            progress?.WriteLine($"dbc compile: compiling {selection.Signals.Count} selected signals of {parsed.Messages.Count} messages");
            compiled = DecoderTableCompiler.Compile(parsed, selection, alsoAccept: obdAnswers);
            File.WriteAllBytes(outFile.FullName, compiled.Bytes);
        }
        catch (Exception e) when (e is DbcSelectionException or DbcParseException or DecoderTableCompileException or IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message);
        }
        var filters = compiled.Filters!;
        output.WriteLine($"{outFile.Name}: {compiled.Bytes.Length} bytes, {compiled.SignalCount} signals, {compiled.MessageKeys.Count} CAN ids");
        output.WriteLine("ids: " + string.Join(" ", compiled.MessageKeys.Select(Hex)));
        output.WriteLine($"mcp2515: mask0 {Hex(filters.Mask0)} mask1 {Hex(filters.Mask1)} filters {string.Join(" ", filters.Filters.Select(Hex))}");
        output.WriteLine($"filters accept {filters.AcceptedIdCount} ids ({filters.ExtraIdCount} not needed)");
        return CliRunner.Success;
    }

    // Bit 31 (extended) prints as an 'x' prefix on the 29-bit id.
    private static string Hex(uint word) =>
        (word & 0x80000000) != 0
            ? "x" + (word & 0x1FFFFFFF).ToString("X8", CultureInfo.InvariantCulture)
            : word.ToString("X3", CultureInfo.InvariantCulture);
}
