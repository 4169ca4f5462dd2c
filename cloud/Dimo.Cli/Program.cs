using System.CommandLine;
using Dimo.Cli;
using Dimo.Cli.Commands;

return CliRunner.Run(Program.CreateRoot(), args);

public partial class Program
{
    /// <summary>The whole command tree; tests run it in-process through <see cref="CliRunner"/>.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("dimo: keys, signed batches, CAN decoding, MQTT, ingest, the fleet simulator and the dongle hardware");
        // Each command lives in its own file under Commands/ and registers here.
        root.Subcommands.Add(KeyCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(DbcCommand.Create());
        root.Subcommands.Add(MqttCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(HardwareCommand.Create());
        root.Subcommands.Add(RewardsCommand.Create());
        root.Subcommands.Add(UpdateCommand.Create());
        root.Subcommands.Add(ManufacturerCommand.Create());
        root.Subcommands.Add(DeviceCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        return root;
    }
}
