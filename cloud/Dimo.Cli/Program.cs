using System.CommandLine;
using Dimo.Cli;

var root = new RootCommand("dimo: keys, signed batches, CAN decoding, MQTT, ingest and the fleet simulator");
// Each command lives in its own file under Commands/ and registers here.
root.Subcommands.Add(Dimo.Cli.Commands.MqttCommand.Create());
Dimo.Cli.Commands.MqttLoadCommand.AddTo(root);
return CliRunner.Run(root, args);
