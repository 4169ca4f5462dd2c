using Dimo.Core.Obd.IsoTp;

namespace Dimo.Simulator.Tests.Ecu;

public class Long_requests_are_sent_under_the_ecus_flow_control
{
    private static readonly byte[] WriteRequest = [0x2E, 0xF1, 0x8C, .. Enumerable.Range(0, 30).Select(i => (byte)i)];

    [Fact]
    public void Block_size_and_separation_time_of_the_ecu_are_kept()
    {
        var car = new SimulatedCar();
        car.Engine.Settings.BlockSize = 2;
        car.Engine.Settings.SeparationTimeCode = 5;

        var responses = car.Client.RequestPhysical(0, WriteRequest, 0, WriteRequest.Length);

        Assert.Equal(new byte[] { 0x6E, 0xF1, 0x8C }, responses.Data(0)[..responses.Length(0)]);
        Assert.Equal(WriteRequest[3..], car.Engine.DataIdentifier(0xF18C));
        var frames = car.Bus.Log.Select(f => (f.FromTester, Type: f.Data[0] >> 4, f.Time)).ToList();
        Assert.Equal([(true, 1), (false, 3), (true, 2), (true, 2), (false, 3), (true, 2), (true, 2), (false, 0)],
            frames.Select(f => (f.FromTester, f.Type)));
        var consecutive = frames.Where(f => f.FromTester && f.Type == 2).Select(f => f.Time).ToList();
        Assert.Equal(5, consecutive[1] - consecutive[0]);
        Assert.Equal(5, consecutive[3] - consecutive[2]);
    }

    [Fact]
    public void Without_flow_control_the_request_fails_after_n_bs()
    {
        var car = new SimulatedCar();
        car.Engine.SendsFlowControl = false;
        long start = car.Clock.MonotonicMilliseconds;

        var responses = car.Client.RequestPhysical(0, WriteRequest, 0, WriteRequest.Length);

        Assert.Equal(IsoTpError.FlowControlTimeout, responses.Error(0));
        Assert.Equal(car.TesterSettings.FlowControlTimeoutMilliseconds, car.Clock.MonotonicMilliseconds - start);
    }

    [Fact]
    public void Tester_frames_are_padded_with_the_configured_byte()
    {
        var car = new SimulatedCar();
        car.TesterSettings.PaddingByte = 0x55;

        car.Client.RequestPhysical(0, WriteRequest, 0, WriteRequest.Length);

        var last = car.Bus.Log.Last(f => f.FromTester);
        Assert.Equal(8, last.Data.Length);
        Assert.Equal(0x55, last.Data[^1]);
        Assert.All(car.Bus.Log.Where(f => f.FromTester), f => Assert.Equal(8, f.Data.Length));
    }

    [Fact]
    public void A_refused_frame_is_a_send_failure()
    {
        var car = new SimulatedCar();
        car.Bus.AcceptsFrames = false;

        var responses = car.Client.RequestPhysical(0, [0x01, 0x0C], 0, 2);

        Assert.Equal(IsoTpError.SendFailed, responses.Error(0));
    }
}
