using Microsoft.Extensions.Time.Testing;
using Dimo.Core.Crypto;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage.Sqlite;
using Dimo.Ingest.Tests.Pipeline;
using Dimo.Testing;
using Dimo.Verification.Recovery;
using Dimo.Verification.TypedData;
using Microsoft.Extensions.Logging.Abstractions;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Registry;

/// <summary>Who may mint, claim, pair, unpair and revoke, checked through real EIP-712 signatures.</summary>
public sealed class Registry_authorization : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("dimo-registry");
    private SqliteDatabase _database = null!;
    private RegistryService _registry = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory.Path);
        var store = await SqlRegistryStore.OpenAsync(_database);
        var domain = new Eip712Domain("DIMO", "1", 137, EthAddress.Parse("0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC"));
        _registry = new RegistryService(store, SignatureRecoveryFactory.Create(NullLogger.Instance), domain, new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(PipelineHarness.Now)));
        await _registry.AddManufacturerAsync(Keys.Manufacturer.Address, "test");
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    private byte[] Sign(PrivateKey key, Eip712Type type, params object[] values) => key.Sign(_registry.Digest(type, values));

    private Task<DeviceRecord> MintAsync(PrivateKey device) =>
        _registry.MintDeviceAsync(device.Address, Keys.Manufacturer.Address, Sign(Keys.Manufacturer, DimoMessages.MintAftermarketDevice, device.Address, Keys.Manufacturer.Address));

    private Task<VehicleRecord> VehicleAsync(PrivateKey owner, string vin) =>
        _registry.CreateVehicleAsync(vin, owner.Address, Sign(owner, DimoMessages.MintVehicle, vin, owner.Address));

    private Task<DeviceRecord> ClaimAsync(DeviceRecord device, PrivateKey owner, PrivateKey deviceKey) =>
        _registry.ClaimAsync(device.Node, owner.Address,
            Sign(owner, DimoMessages.ClaimAftermarketDevice, device.Node, owner.Address),
            Sign(deviceKey, DimoMessages.ClaimAftermarketDevice, device.Node, owner.Address));

    private static async Task AssertRefusedAsync(RegistryError error, Func<Task> action) =>
        Assert.Equal(error, (await Assert.ThrowsAsync<RegistryException>(action)).Error);

    [Fact]
    public async Task Only_a_known_manufacturer_s_signature_mints_a_device()
    {
        var forged = Sign(Keys.Stranger, DimoMessages.MintAftermarketDevice, Keys.Device.Address, Keys.Manufacturer.Address);
        await AssertRefusedAsync(RegistryError.BadSignature, () => _registry.MintDeviceAsync(Keys.Device.Address, Keys.Manufacturer.Address, forged));
        var unknown = Sign(Keys.Stranger, DimoMessages.MintAftermarketDevice, Keys.Device.Address, Keys.Stranger.Address);
        await AssertRefusedAsync(RegistryError.NotFound, () => _registry.MintDeviceAsync(Keys.Device.Address, Keys.Stranger.Address, unknown));

        var minted = await MintAsync(Keys.Device);
        Assert.Equal(Keys.Manufacturer.Address, minted.Manufacturer);
    }

    [Fact]
    public async Task A_claim_needs_both_the_owner_and_the_device_and_happens_once()
    {
        var device = await MintAsync(Keys.Device);
        var ownerSignature = Sign(Keys.Owner, DimoMessages.ClaimAftermarketDevice, device.Node, Keys.Owner.Address);
        var notTheDevice = Sign(Keys.Stranger, DimoMessages.ClaimAftermarketDevice, device.Node, Keys.Owner.Address);
        await AssertRefusedAsync(RegistryError.BadSignature, () => _registry.ClaimAsync(device.Node, Keys.Owner.Address, ownerSignature, notTheDevice));

        var claimed = await ClaimAsync(device, Keys.Owner, Keys.Device);
        Assert.Equal(Keys.Owner.Address, claimed.Owner);

        await AssertRefusedAsync(RegistryError.Conflict, () => ClaimAsync(device, Keys.Stranger, Keys.Device));
    }

    [Fact]
    public async Task Pairing_with_another_owner_s_vehicle_also_needs_the_device_s_signature()
    {
        var device = await ClaimAsync(await MintAsync(Keys.Device), Keys.Owner, Keys.Device);
        var vehicle = await VehicleAsync(Keys.Stranger, "WVWZZZ1JZXW000001");
        var vehicleOwner = Sign(Keys.Stranger, DimoMessages.PairAftermarketDevice, device.Node, vehicle.Node);

        await AssertRefusedAsync(RegistryError.BadSignature, () => _registry.PairAsync(device.Node, vehicle.Node, vehicleOwner, null));

        var paired = await _registry.PairAsync(device.Node, vehicle.Node, vehicleOwner, Sign(Keys.Device, DimoMessages.PairAftermarketDevice, device.Node, vehicle.Node));
        Assert.Equal(vehicle.Node, paired.VehicleNode);
    }

    [Fact]
    public async Task The_owner_pairs_their_own_device_and_vehicle_and_either_owner_may_unpair_but_nobody_else()
    {
        var device = await ClaimAsync(await MintAsync(Keys.Device), Keys.Owner, Keys.Device);
        var vehicle = await VehicleAsync(Keys.Owner, "1HGCM82633A004352");
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.PairAsync(device.Node, vehicle.Node, Sign(Keys.Stranger, DimoMessages.PairAftermarketDevice, device.Node, vehicle.Node), null));

        await _registry.PairAsync(device.Node, vehicle.Node, Sign(Keys.Owner, DimoMessages.PairAftermarketDevice, device.Node, vehicle.Node), null);
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.UnpairAsync(device.Node, vehicle.Node, Sign(Keys.Stranger, DimoMessages.UnPairAftermarketDevice, device.Node, vehicle.Node)));

        var unpaired = await _registry.UnpairAsync(device.Node, vehicle.Node, Sign(Keys.Owner, DimoMessages.UnPairAftermarketDevice, device.Node, vehicle.Node));
        Assert.Null(unpaired.VehicleNode);
    }

    [Fact]
    public async Task Only_the_minting_manufacturer_revokes_and_a_revoked_device_cannot_be_claimed()
    {
        var device = await MintAsync(Keys.Device);
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.RevokeAsync(device.Node, Sign(Keys.Owner, DimoMessages.RevokeAftermarketDevice, device.Node)));

        var revoked = await _registry.RevokeAsync(device.Node, Sign(Keys.Manufacturer, DimoMessages.RevokeAftermarketDevice, device.Node));
        Assert.True(revoked.IsRevoked);
        await AssertRefusedAsync(RegistryError.Conflict, () => ClaimAsync(device, Keys.Owner, Keys.Device));
    }

    [Theory]
    [InlineData(" 1hgcm82633a004352 ", "1HGCM82633A004352")]
    [InlineData("wvwzzz1jzxw000001", "WVWZZZ1JZXW000001")]
    public async Task A_VIN_is_stored_trimmed_and_upper_cased_and_signed_as_sent(string sent, string stored)
    {
        var vehicle = await VehicleAsync(Keys.Owner, sent);
        Assert.Equal(stored, vehicle.Vin);
    }

    [Theory]
    [InlineData("1HGCM82633A00435", "17 characters")]
    [InlineData("1HGCM82633A0043520", "17 characters")]
    [InlineData("1HGCM82633AO04352", "I, O and Q")]
    [InlineData("1HGCM82643A004352", "check digit")]
    [InlineData("", "17 characters")]
    public async Task A_VIN_that_breaks_ISO_3779_is_refused_with_what_is_wrong(string vin, string says)
    {
        var refused = await Assert.ThrowsAsync<RegistryException>(() => VehicleAsync(Keys.Owner, vin));
        Assert.Equal(RegistryError.Invalid, refused.Error);
        Assert.Contains(says, refused.Message);
    }

    [Fact]
    public async Task Only_the_minting_manufacturer_sets_a_device_s_type()
    {
        var device = await MintAsync(Keys.Device);
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.SetDeviceTypeAsync(device.Node, "macaron", Sign(Keys.Owner, DimoMessages.SetAftermarketDeviceType, device.Node, "macaron")));
        await AssertRefusedAsync(RegistryError.Invalid, () =>
            _registry.SetDeviceTypeAsync(device.Node, " ", Sign(Keys.Manufacturer, DimoMessages.SetAftermarketDeviceType, device.Node, " ")));

        var typed = await _registry.SetDeviceTypeAsync(device.Node, "macaron", Sign(Keys.Manufacturer, DimoMessages.SetAftermarketDeviceType, device.Node, "macaron"));
        Assert.Equal("macaron", typed.DeviceType);
    }

    [Fact]
    public async Task Only_the_device_owner_names_a_beneficiary_and_the_zero_address_clears_it()
    {
        var device = await MintAsync(Keys.Device);
        var beneficiary = Keys.Stranger.Address;
        await AssertRefusedAsync(RegistryError.Conflict, () =>
            _registry.SetBeneficiaryAsync(device.Node, beneficiary, Sign(Keys.Owner, DimoMessages.SetAftermarketDeviceBeneficiary, device.Node, beneficiary)));
        device = await ClaimAsync(device, Keys.Owner, Keys.Device);
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.SetBeneficiaryAsync(device.Node, beneficiary, Sign(Keys.Stranger, DimoMessages.SetAftermarketDeviceBeneficiary, device.Node, beneficiary)));

        var named = await _registry.SetBeneficiaryAsync(device.Node, beneficiary, Sign(Keys.Owner, DimoMessages.SetAftermarketDeviceBeneficiary, device.Node, beneficiary));
        Assert.Equal(beneficiary, named.Beneficiary);
        var zero = new byte[EthAddress.Length];
        var cleared = await _registry.SetBeneficiaryAsync(device.Node, zero, Sign(Keys.Owner, DimoMessages.SetAftermarketDeviceBeneficiary, device.Node, zero));
        Assert.Null(cleared.Beneficiary);
    }

    [Fact]
    public async Task Only_the_vehicle_owner_sets_its_stake_and_points_zero_clear_it()
    {
        var vehicle = await VehicleAsync(Keys.Owner, "1HGCM82633A004352");
        await AssertRefusedAsync(RegistryError.BadSignature, () =>
            _registry.SetStakeAsync(vehicle.Node, 1000, 1_800_000_000, Sign(Keys.Stranger, DimoMessages.SetVehicleStake, vehicle.Node, 1000L, 1_800_000_000L)));
        await AssertRefusedAsync(RegistryError.Invalid, () =>
            _registry.SetStakeAsync(vehicle.Node, -1, 1_800_000_000, Sign(Keys.Owner, DimoMessages.SetVehicleStake, vehicle.Node, 0L, 1_800_000_000L)));

        var staked = await _registry.SetStakeAsync(vehicle.Node, 1000, 1_800_000_000, Sign(Keys.Owner, DimoMessages.SetVehicleStake, vehicle.Node, 1000L, 1_800_000_000L));
        Assert.Equal((1000L, 1_800_000_000_000L), (staked.StakePoints!.Value, staked.StakeEndMs!.Value));
        var cleared = await _registry.SetStakeAsync(vehicle.Node, 0, 0, Sign(Keys.Owner, DimoMessages.SetVehicleStake, vehicle.Node, 0L, 0L));
        Assert.Null(cleared.StakePoints);
    }

    [Fact]
    public async Task A_signature_for_another_chain_does_not_count()
    {
        var otherDomain = new Eip712Domain("DIMO", "1", 80002, _registry.Domain.VerifyingContract);
        var signedElsewhere = Keys.Manufacturer.Sign(otherDomain.Digest(DimoMessages.MintAftermarketDevice.HashStruct(Keys.Device.Address, Keys.Manufacturer.Address)));

        await AssertRefusedAsync(RegistryError.BadSignature, () => _registry.MintDeviceAsync(Keys.Device.Address, Keys.Manufacturer.Address, signedElsewhere));
    }
}
