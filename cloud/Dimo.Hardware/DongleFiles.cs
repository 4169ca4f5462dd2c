using Dimo.Hardware.Boards;
using Dimo.Hardware.Firmware;
using Dimo.Hardware.Schematic;

namespace Dimo.Hardware;

/// <summary>The files generated from hardware/board.json, and where they live in the repository.</summary>
public static class DongleFiles
{
    public const string BoardPath = "hardware/board.json";
    public const string SchematicPath = "hardware/dimo-dongle.kicad_sch";
    public const string BomPath = "hardware/bom.csv";
    public const string FirmwareConstantsPath = "firmware/Dimo.Firmware/Board.cs";

    public static string Schematic(BoardDefinition board) =>
        KicadSchematicWriter.Write(DongleSchematic.Parts(board), "Dimo OBD-II dongle", board.Revision,
            "Generated from hardware/board.json (dimo hardware schematic); do not edit");

    public static string FirmwareConstants(BoardDefinition board) => BoardConstantsGenerator.Generate(board);
}
