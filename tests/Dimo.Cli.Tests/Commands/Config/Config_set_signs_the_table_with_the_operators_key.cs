using System.Text.Json;
using Dimo.Core.Crypto;
using Dimo.Simulator.Provisioning;
using Dimo.Testing;

namespace Dimo.Cli.Tests.Commands.Config;

/// <summary>Issue 13: <c>dimo config set</c> signs a compiled table with the operator's key file and the ingestor stores and checks it.</summary>
public sealed class Config_set_signs_the_table_with_the_operators_key : IAsyncLifetime
{
    private static readonly PrivateKey Operator = PrivateKey.FromBytes(Convert.FromHexString("3333333333333333333333333333333333333333333333333333333333333333"));
    private static readonly PrivateKey Stranger = PrivateKey.FromBytes(Convert.FromHexString("4444444444444444444444444444444444444444444444444444444444444444"));

    private OperatorIngest _ingest = null!;
    private long _vehicle;
    private string _table = null!;

    public async Task InitializeAsync()
    {
        _ingest = await OperatorIngest.StartAsync("5555555555555555555555555555555555555555555555555555555555555555", Operator.ChecksumAddress);
        using var http = new HttpClient { BaseAddress = _ingest.Host.HttpBaseAddress };
        var device = PrivateKey.FromBytes(Convert.FromHexString("6666666666666666666666666666666666666666666666666666666666666666"));
        var owner = PrivateKey.FromBytes(Convert.FromHexString("7777777777777777777777777777777777777777777777777777777777777777"));
        _vehicle = (await new RegistryClient(http).ProvisionAsync(device, owner, "1HGCM82633A004352", CancellationToken.None)).VehicleNode;
        _table = Path.Combine(_ingest.Directory, "civic.bin");
        var compiled = DimoCli.Run("dbc", "compile", "--selection", RepositoryRoot.File("cloud", "Dimo.Dbc", "selections", "honda_civic_2017.json"), "--out", _table);
        Assert.True(compiled.Exit == 0, compiled.Errors);
    }

    public async Task DisposeAsync() => await _ingest.DisposeAsync();

    private CliRun Set(PrivateKey key) => DimoCli.Run("config", "set", "--vehicle", _vehicle.ToString(), "--template", "0C=5, 0D=10, vin=once",
        "--table", _table, "--key-file", _ingest.KeyFile(key, "signer.key"), "--api", _ingest.Api, "--operator-token-file", _ingest.TokenFile);

    [Fact]
    public void The_set_config_is_stored_signed_by_the_operator_and_published_to_the_paired_device()
    {
        var set = Set(Operator);

        Assert.True(set.Exit == 0, set.Errors);
        var stored = JsonDocument.Parse(set.Line).RootElement;
        Assert.Equal(Operator.ChecksumAddress, stored.GetProperty("tableSigner").GetString());
        Assert.Equal(new FileInfo(_table).Length, stored.GetProperty("decoderTableBytes").GetInt64());
        Assert.True(stored.GetProperty("published").GetBoolean());

        var shown = DimoCli.Run("config", "show", "--vehicle", _vehicle.ToString(), "--api", _ingest.Api, "--operator-token-file", _ingest.TokenFile);
        Assert.True(shown.Exit == 0, shown.Errors);
        var config = JsonDocument.Parse(shown.Line).RootElement;
        Assert.Equal(stored.GetProperty("version").GetInt32(), config.GetProperty("version").GetInt32());
        Assert.Equal("0C=5, 0D=10, vin=once", config.GetProperty("template").GetString());
    }

    [Fact]
    public void A_table_signed_with_another_key_is_refused_in_one_line()
    {
        var refused = Set(Stranger);

        Assert.Equal(CliRunner.InvalidInput, refused.Exit);
        Assert.Single(refused.Errors.TrimEnd().Split('\n'));
        Assert.Contains("config set", refused.Errors);
        Assert.Contains("not by the operator key the dongles trust " + Operator.ChecksumAddress, refused.Errors);
    }

    [Fact]
    public void Config_of_a_vehicle_without_one_is_not_found()
    {
        var shown = DimoCli.Run("config", "show", "--vehicle", "999", "--api", _ingest.Api, "--operator-token-file", _ingest.TokenFile);

        Assert.Equal(CliRunner.InvalidInput, shown.Exit);
        Assert.Contains("no config for vehicle 999", shown.Errors);
    }
}
