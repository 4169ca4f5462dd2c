using System.CommandLine;
using Dimo.Cli;
using Dimo.Cli.Commands;

var root = new RootCommand("dimo: keys, signed batches, CAN decoding, MQTT, ingest and the fleet simulator");
// Each command lives in its own file under Commands/ and registers here.
root.Subcommands.Add(DecodeCommand.Create());
root.Subcommands.Add(DbcCommand.Create());
root.Subcommands.Add(MqttCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
return CliRunner.Run(root, args);
