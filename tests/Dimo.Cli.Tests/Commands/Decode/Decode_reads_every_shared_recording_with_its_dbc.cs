using Dimo.Testing;
using Xunit.Abstractions;

namespace Dimo.Cli.Tests.Commands.Decode;

public class Decode_reads_every_shared_recording_with_its_dbc(DecodeFixture fixture, ITestOutputHelper log) : IClassFixture<DecodeFixture>
{
    [SharedFolderTheory]
    [InlineData("honda_civic_type_r_2019_short.log", "honda_civic_hatchback_ex_2017_can_generated.dbc")]
    [InlineData("honda_civic_type_r_2019_turnonanddrive.log", "honda_civic_hatchback_ex_2017_can_generated.dbc")]
    [InlineData("toyota_yaris_2009_steering.log", "toyota_nodsu_pt_generated.dbc")]
    [InlineData("chevrolet_camaro_candump-2021-04-18.log", "gm_global_a_powertrain_generated.dbc")]
    [InlineData("subaru_wrx_va_doorclosed.log", "subaru_outback_2015_generated.dbc")]
    public void Every_shared_recording_decodes_with_its_dbc_without_error(string logName, string dbcName)
    {
        var lines = File.ReadAllLines(SharedFolder.File("canlogs", logName));

        var (frames, summary) = fixture.DecodeWith(RepositoryRoot.File("cloud", "Dimo.Dbc", "opendbc", dbcName), lines);

        log.WriteLine($"{logName}: {summary}");
        Assert.Matches(@"^decoded \d+, unknown \d+, short \d+, malformed 0$", summary);
        Assert.True(frames.Count > lines.Length / 3, summary);
        Assert.All(frames, f => Assert.Equal(System.Text.Json.JsonValueKind.Number, f.GetProperty("t").ValueKind));
    }
}
