using System.CommandLine;
using Dimo.Hardware;
using Dimo.Hardware.Boards;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo hardware check|schematic|firmware-constants</c>: checks hardware/board.json against the ESP32 module's
/// rules, and regenerates the files made from it (the KiCad 6 schematic and firmware/Dimo.Firmware/Board.cs).
/// Run from the repository root; the defaults are the repository's paths. A board that breaks a rule generates
/// nothing: each broken rule is printed on its own line and the exit code is 1.
/// </summary>
public static class HardwareCommand
{
    public static Command Create()
    {
        var command = new Command("hardware", "The dongle's board: check board.json and regenerate the schematic and firmware constants");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Generate("schematic", "Write the KiCad 6 schematic generated from board.json", DongleFiles.SchematicPath, DongleFiles.Schematic));
        command.Subcommands.Add(Generate("firmware-constants", "Write the firmware's Board.cs generated from board.json", DongleFiles.FirmwareConstantsPath, DongleFiles.FirmwareConstants));
        return command;
    }

    private static Option<FileInfo> BoardOption() =>
        new("--board") { Description = "board definition", DefaultValueFactory = _ => new FileInfo(DongleFiles.BoardPath) };

    private static Command Check()
    {
        var board = BoardOption();
        var command = new Command("check", "Check board.json: pins legal for the module, none used twice, ADC divider in range") { board };
        command.SetAction(parsed =>
        {
            var definition = LoadChecked(parsed.GetValue(board)!);
            parsed.InvocationConfiguration.Output.WriteLine(
                $"{parsed.GetValue(board)!.Name}: consistent, {definition.PinUses().Count} GPIOs on {definition.Module}, target {definition.NanoFrameworkTarget}");
            return CliRunner.Success;
        });
        return command;
    }

    private static Command Generate(string name, string description, string defaultOut, Func<BoardDefinition, string> generate)
    {
        var board = BoardOption();
        var output = new Option<FileInfo>("--out") { Description = "file to write", DefaultValueFactory = _ => new FileInfo(defaultOut) };
        var command = new Command(name, description) { board, output };
        command.SetAction(parsed =>
        {
            var definition = LoadChecked(parsed.GetValue(board)!);
            var target = parsed.GetValue(output)!;
            try
            {
                File.WriteAllText(target.FullName, generate(definition));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot write {target.FullName}: {e.Message}");
            }
            parsed.InvocationConfiguration.Output.WriteLine($"wrote {target.FullName}");
            return CliRunner.Success;
        });
        return command;
    }

    private static BoardDefinition LoadChecked(FileInfo file)
    {
        BoardDefinition board;
        try
        {
            board = BoardDefinition.Load(file.FullName);
        }
        catch (BoardFileException e)
        {
            throw new CliException(e.Message);
        }
        var problems = BoardRules.Check(board);
        if (problems.Count > 0)
            throw new CliException($"{file.Name}: {problems.Count} problem(s): " + string.Join("; ", problems));
        return board;
    }
}
