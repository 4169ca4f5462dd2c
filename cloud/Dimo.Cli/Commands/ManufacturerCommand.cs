using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Operator;
using Dimo.Core.Crypto;
using Dimo.Simulator.Provisioning;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo manufacturer add --address 0x… --name NAME --api URL</c>: the operator registers a manufacturer's address
/// with the ingestor, so the devices it mints (<c>dimo device mint</c>) are accepted. Prints the manufacturer as JSON.
/// </summary>
public static class ManufacturerCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "the manufacturer's address (of the key it mints with: dimo key address)", Required = true };
        var name = new Option<string>("--name") { Description = "the manufacturer's name, 1 to 64 characters", Required = true };
        var api = new ApiOptions(asOperator: true);
        var add = new Command("add", "Register a manufacturer's address with the ingestor (operator)") { address, name };
        api.AddTo(add);
        add.SetAction(async (parsed, cancellationToken) =>
        {
            var manufacturer = ParseAddress(parsed.GetValue(address)!, "--address");
            using var http = api.CreateHttp(parsed);
            var added = await ApiOptions.CallAsync("manufacturer add", () =>
                new RegistryClient(http).AddManufacturerAsync(manufacturer, parsed.GetValue(name)!, cancellationToken));
            parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(added));
            return CliRunner.Success;
        });
        return new Command("manufacturer", "Manufacturers the ingestor accepts mints from") { add };
    }

    internal static byte[] ParseAddress(string text, string option)
    {
        try
        {
            return EthAddress.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CliException($"{option} {text}: {e.Message}");
        }
    }
}
