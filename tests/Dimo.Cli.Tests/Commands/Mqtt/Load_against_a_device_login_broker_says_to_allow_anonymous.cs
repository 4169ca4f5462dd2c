using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Mqtt;

/// <summary>
/// Issue 19, item 2: the load tool's clients log in anonymously, so a broker serving device logins refuses them; the
/// error says which option of <c>mqtt serve</c> lets them in (the README's pair uses it).
/// </summary>
public class Load_against_a_device_login_broker_says_to_allow_anonymous
{
    [Fact]
    public async Task The_refusal_names_allow_anonymous_and_with_it_the_load_runs()
    {
        using var directory = new TempDirectory("dimo-mqtt-load");
        var devicesFile = directory.File("devices.txt");
        File.WriteAllText(devicesFile, "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n");
        var port = FreeTcpPort.Next();
        await using (var devices = ServeCommand.Start("--port", port.ToString(), "--devices", devicesFile))
        {
            await devices.ListeningAsync();

            var refused = DimoCli.Run("mqtt", "load", "--broker", "mqtt://127.0.0.1:" + port, "--count", "100");

            Assert.Equal(1, refused.Exit);
            var line = Assert.Single(refused.Errors.TrimEnd().Split('\n'));
            Assert.Contains("the broker refused the connection", line);
            Assert.EndsWith("run the broker with dimo mqtt serve --allow-anonymous (development only)", line);
        }

        var anonymousPort = FreeTcpPort.Next();
        await using var anonymous = ServeCommand.Start("--port", anonymousPort.ToString(), "--allow-anonymous");
        await anonymous.ListeningAsync();
        var run = DimoCli.RunProcess(["mqtt", "load", "--broker", "mqtt://127.0.0.1:" + anonymousPort, "--count", "1000"]);

        Assert.True(run.Exit == 0, run.Errors);
        Assert.Contains("delivered 1000, lost 0", run.Output);
    }

    [Fact]
    public async Task A_timed_run_shows_the_messages_delivered_so_far_on_stderr()
    {
        var port = FreeTcpPort.Next();
        await using var anonymous = ServeCommand.Start("--port", port.ToString(), "--allow-anonymous");
        await anonymous.ListeningAsync();

        var run = DimoCli.RunProcess(["mqtt", "load", "--broker", "mqtt://127.0.0.1:" + port, "--duration", "2", "--publishers", "1"]);

        Assert.True(run.Exit == 0, run.Errors);
        Assert.Matches(@"\rload: \d+s delivered \d+", run.Errors);
        Assert.StartsWith("1 publishers, QoS 1", run.Output);
    }
}
