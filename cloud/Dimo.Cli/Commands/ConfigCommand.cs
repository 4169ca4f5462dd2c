using System.CommandLine;
using System.Text.Json;
using Dimo.Cli.Keys;
using Dimo.Cli.Operator;
using Dimo.Core.Dongle.Config;
using Dimo.Simulator.Provisioning;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo config set --vehicle N --template "0C=5, …" [--table civic.bin --key-file operator.key] --api URL</c>: the
/// operator sets what a vehicle's dongle polls and, with a compiled decoder table (<c>dimo dbc compile</c>), what it
/// decodes; the table is signed here with the operator's key (EIP-191 of its bytes), so the key never reaches the
/// ingestor and the dongle checks the signature itself. <c>dimo config show --vehicle N</c> prints the stored config.
/// Both print the config as JSON; the format the dongle receives is in shared/docs/config.md.
/// </summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var vehicle = new Option<long>("--vehicle") { Description = "the vehicle's node number", Required = true };
        var template = new Option<string>("--template") { Description = "the poll template, e.g. \"0C=5, 0D=10, vin=once, dtc=300\" (PID in hex = seconds, or once)", Required = true };
        var table = new Option<FileInfo?>("--table") { Description = "a compiled decoder table (dimo dbc compile --out), signed with the operator's key" };
        var key = new SigningKeyOptions();
        var setApi = new ApiOptions(asOperator: true);
        var set = new Command("set", "Set a vehicle's poll template and optionally its signed decoder table (operator)") { vehicle, template, table };
        key.AddTo(set);
        setApi.AddTo(set);
        set.SetAction(async (parsed, cancellationToken) =>
        {
            byte[]? tableBytes = null;
            byte[]? signature = null;
            if (parsed.GetValue(table) is { } file)
            {
                tableBytes = ReadTable(file);
                var operatorKey = key.Resolve(parsed);
                signature = operatorKey.SignPersonalMessage(tableBytes, 0, tableBytes.Length);
            }
            using var http = setApi.CreateHttp(parsed);
            var stored = await ApiOptions.CallAsync("config set", () =>
                new RegistryClient(http).SetVehicleConfigAsync(parsed.GetValue(vehicle), parsed.GetValue(template)!, tableBytes, signature, cancellationToken));
            parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(stored));
            return CliRunner.Success;
        });

        var showVehicle = new Option<long>("--vehicle") { Description = "the vehicle's node number", Required = true };
        var showApi = new ApiOptions(asOperator: true);
        var show = new Command("show", "Print a vehicle's stored config (operator)") { showVehicle };
        showApi.AddTo(show);
        show.SetAction(async (parsed, cancellationToken) =>
        {
            using var http = showApi.CreateHttp(parsed);
            var stored = await ApiOptions.CallAsync("config show", () => new RegistryClient(http).GetVehicleConfigAsync(parsed.GetValue(showVehicle), cancellationToken));
            parsed.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(stored));
            return CliRunner.Success;
        });
        return new Command("config", "Vehicles' configs from the cloud: poll template and decoder table") { set, show };
    }

    /// <summary><c>dimo ingest --config-signer</c>: the operator address tables must be signed by, checked here (exit 1 naming the option).</summary>
    internal static string? SignerAddress(string? text) =>
        text == null ? null : Dimo.Core.Crypto.EthAddress.ToChecksumString(ManufacturerCommand.ParseAddress(text, "--config-signer"));

    private static byte[] ReadTable(FileInfo file)
    {
        try
        {
            if (file.Exists && file.Length > DeviceConfigFormat.MaxTableBytes)
                throw new CliException($"--table {file.FullName} is {file.Length} bytes; a dongle takes at most {DeviceConfigFormat.MaxTableBytes} (select fewer messages)");
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read --table {file.FullName}: {e.Message}");
        }
    }
}
