using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Keys;
using Dimo.Cli.Operator;
using Dimo.Simulator.Provisioning;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo device mint --device 0x… --key-file manufacturer.key --api URL</c>: mints a device the way production does,
/// with the manufacturer's key signing the EIP-712 mint (no development shortcut). The ingestor refuses a manufacturer
/// the operator has not registered (<c>dimo manufacturer add</c>). Prints the minted device as JSON.
/// </summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "the device's address (printed by the dongle, or dimo key address)", Required = true };
        var key = new SigningKeyOptions();
        var api = new ApiOptions(asOperator: false);
        var mint = new Command("mint", "Mint a device, signed with the manufacturer's key") { device };
        key.AddTo(mint);
        api.AddTo(mint);
        mint.SetAction(async (parsed, cancellationToken) =>
        {
            var address = ManufacturerCommand.ParseAddress(parsed.GetValue(device)!, "--device");
            var manufacturer = key.Resolve(parsed);
            using var http = api.CreateHttp(parsed);
            var minted = await ApiOptions.CallAsync("device mint", () => new RegistryClient(http).MintAsync(manufacturer, address, cancellationToken));
            parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(minted));
            return CliRunner.Success;
        });
        return new Command("device", "Devices in the registry") { mint };
    }
}
