using System.CommandLine;

var root = new RootCommand("dimo: keys, signed batches, CAN decoding, MQTT, ingest and the fleet simulator");
return root.Parse(args).Invoke();
