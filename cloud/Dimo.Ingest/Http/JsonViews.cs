using Dimo.Core.Crypto;
using Dimo.Core.Signals;
using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;

namespace Dimo.Ingest.Http;

/// <summary>The JSON shapes of the API: addresses in EIP-55 form, times in unix ms, values in the catalog's unit.</summary>
public static class JsonViews
{
    public static object Device(DeviceRecord d) => new
    {
        node = d.Node,
        address = EthAddress.ToChecksumString(d.Address),
        manufacturer = EthAddress.ToChecksumString(d.Manufacturer),
        owner = d.Owner is { } owner ? EthAddress.ToChecksumString(owner) : null,
        vehicleNode = d.VehicleNode,
        mintedMs = d.MintedMs,
        revokedMs = d.RevokedMs,
        deviceType = d.DeviceType,
        beneficiary = d.Beneficiary is { } beneficiary ? EthAddress.ToChecksumString(beneficiary) : null,
    };

    /// <summary>A vehicle's registry record; the VIN only when <paramref name="showVin"/> (its owner, or a grantee holding permission 5), else null.</summary>
    public static object Vehicle(VehicleRecord v, DeviceRecord? device, bool showVin) => new
    {
        node = v.Node,
        vin = showVin ? v.Vin : null,
        owner = EthAddress.ToChecksumString(v.Owner),
        deviceNode = device?.Node,
        createdMs = v.CreatedMs,
        stake = v.StakePoints is { } points ? new { points, endsAtMs = v.StakeEndMs } : null,
    };

    public static object Value(SignalValue value)
    {
        var signal = SignalCatalog.ById(value.SignalId);
        return new
        {
            name = signal?.Name ?? value.SignalId.ToString(),
            unit = signal?.Unit,
            timestamp = value.TimeMs,
            value = value.Text ?? (object?)signal?.ToValue(value.Raw),
        };
    }
}
