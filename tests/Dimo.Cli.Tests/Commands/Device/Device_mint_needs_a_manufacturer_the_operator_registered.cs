using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Mqtt.Packets;

namespace Dimo.Cli.Tests.Commands.Device;

/// <summary>Issue 13: provisioning without the development shortcut, through <c>dimo manufacturer add</c> and <c>dimo device mint</c>.</summary>
public sealed class Device_mint_needs_a_manufacturer_the_operator_registered : IAsyncLifetime
{
    private static readonly PrivateKey Manufacturer = PrivateKey.FromBytes(Convert.FromHexString("1111111111111111111111111111111111111111111111111111111111111111"));
    private static readonly PrivateKey Dongle = PrivateKey.FromBytes(Convert.FromHexString("2222222222222222222222222222222222222222222222222222222222222222"));

    private OperatorIngest _ingest = null!;

    public async Task InitializeAsync() => _ingest = await OperatorIngest.StartAsync();

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    private CliRun Mint() => DimoCli.Run("device", "mint", "--device", Dongle.ChecksumAddress,
        "--key-file", _ingest.KeyFile(Manufacturer, "manufacturer.key"), "--api", _ingest.Api);

    [Fact]
    public async Task An_unregistered_manufacturers_mint_is_refused_in_one_line_that_says_how_to_register_it()
    {
        var refused = Mint();

        Assert.Equal(CliRunner.InvalidInput, refused.Exit);
        Assert.Single(refused.Errors.TrimEnd().Split('\n'));
        Assert.Contains("device mint", refused.Errors);
        Assert.Contains(Manufacturer.ChecksumAddress + " is not registered", refused.Errors);
        Assert.Contains("dimo manufacturer add", refused.Errors);
        Assert.Equal(MqttReasonCode.NotAuthorized, await _ingest.LogInAsync(Dongle));
    }

    [Fact]
    public async Task After_the_operator_registers_it_the_mint_succeeds_and_the_device_logs_in()
    {
        var added = DimoCli.Run("manufacturer", "add", "--address", Manufacturer.ChecksumAddress, "--name", "Acme Dongles",
            "--api", _ingest.Api, "--operator-token-file", _ingest.TokenFile);
        Assert.True(added.Exit == 0, added.Errors);
        Assert.Equal("Acme Dongles", JsonDocument.Parse(added.Line).RootElement.GetProperty("name").GetString());

        var minted = Mint();

        Assert.True(minted.Exit == 0, minted.Errors);
        var device = JsonDocument.Parse(minted.Line).RootElement;
        Assert.Equal(Dongle.ChecksumAddress, device.GetProperty("address").GetString(), ignoreCase: true);
        Assert.Equal(Manufacturer.ChecksumAddress, device.GetProperty("manufacturer").GetString(), ignoreCase: true);
        Assert.Equal(MqttReasonCode.Success, await _ingest.LogInAsync(Dongle));
    }

    [Fact]
    public void Registering_a_manufacturer_needs_the_operator_token()
    {
        var wrongToken = Path.Combine(_ingest.Directory, "wrong.token");
        File.WriteAllText(wrongToken, "not-the-operator-token-0123456789abcdef");

        var refused = DimoCli.Run("manufacturer", "add", "--address", Manufacturer.ChecksumAddress, "--name", "Acme",
            "--api", _ingest.Api, "--operator-token-file", wrongToken);

        Assert.Equal(CliRunner.InvalidInput, refused.Exit);
        Assert.Contains("log in as the operator", refused.Errors);
        Assert.Contains("401", refused.Errors);
    }
}
