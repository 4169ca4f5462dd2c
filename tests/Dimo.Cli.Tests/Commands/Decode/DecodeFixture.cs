using System.Text.Json;
using Dimo.Cli.Commands;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Decode;

/// <summary>Runs <c>dimo decode</c> in-process on a small DBC written for these tests and a given log.</summary>
public sealed class DecodeFixture : IDisposable
{
    public const string Dbc = """
        VERSION ""

        BU_: ECU

        BO_ 256 ENGINE: 8 ECU
         SG_ RPM : 7|16@0+ (0.25,0) [0|16383] "rpm" ECU
         SG_ TEMP : 16|8@1- (0.5,-40) [-100|100] "C" ECU
         SG_ GEAR : 24|3@1+ (1,0) [0|7] "" ECU
         SG_ LIMITED : 32|8@1+ (1,0) [0|10] "" ECU

        BO_ 512 MUXED: 8 ECU
         SG_ MUX M : 0|8@1+ (1,0) [0|255] "" ECU
         SG_ ALWAYS : 8|8@1+ (1,0) [0|255] "" ECU
         SG_ A m1 : 16|16@1+ (0.1,0) [0|0] "" ECU
         SG_ B m2 : 16|16@1- (1,0) [0|0] "" ECU

        BO_ 2566844672 EXT_FLAGGED: 8 ECU
         SG_ X : 0|8@1+ (1,0) [0|255] "" ECU

        BO_ 13274 EXT_PLAIN: 4 ECU
         SG_ Y : 0|32@1+ (1,0) [0|0] "" ECU

        BO_ 1024 FD_MSG: 12 ECU
         SG_ Z : 64|32@1+ (1,0) [0|0] "" ECU

        VAL_ 256 GEAR 0 "P" 1 "R" 2 "N" 3 "D" ;
        """;

    private readonly TempDirectory _dir = new("dimo-decode");

    public string DbcPath { get; }

    public DecodeFixture()
    {
        DbcPath = _dir.File("test.dbc");
        File.WriteAllText(DbcPath, Dbc);
    }

    public (List<JsonElement> Frames, string Summary) Decode(params string[] logLines) => DecodeWith(DbcPath, logLines);

    public (List<JsonElement> Frames, string Summary) DecodeWith(string dbcPath, string[] logLines)
    {
        string log = _dir.File(Guid.NewGuid().ToString("N") + ".log");
        File.WriteAllLines(log, logLines);
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = DecodeCommand.Run(new FileInfo(dbcPath), new FileInfo(log), output, errors);
        Assert.Equal(0, exit);
        var frames = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        return (frames, errors.ToString().Trim());
    }

    public static Dictionary<string, double> Signals(JsonElement frame) =>
        frame.GetProperty("signals").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    public void Dispose() => _dir.Dispose();
}
