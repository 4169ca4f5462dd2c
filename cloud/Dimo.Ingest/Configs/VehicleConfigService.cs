using System.Collections.Concurrent;
using Dimo.Core.Can;
using Dimo.Core.Crypto;
using Dimo.Core.Dongle;
using Dimo.Core.Dongle.Config;
using Dimo.Core.Obd;
using Dimo.Ingest.Registry;
using Dimo.Core.DeviceContract;
using Dimo.Mqtt.Auth;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.Configs;

/// <summary>
/// Sets vehicles' configs (checked as the dongle will check them: the template parses, a decoder table is at most
/// <see cref="DeviceConfigFormat.MaxTableBytes"/>, loads, and carries a valid signature, of <c>requiredSigner</c> when
/// one is configured) and publishes each, retained and as the core's <see cref="DeviceConfig"/> message, on the config
/// topic of the device paired with the vehicle: when it is set, when a device is paired with the vehicle, when that
/// device subscribes (the embedded server's retained messages live in memory, so a restarted ingestor fills them in as
/// devices come back), and for every stored config when an ingestor on an external broker starts. <see cref="Publish"/> is the host's way out.
/// </summary>
public sealed class VehicleConfigService(SqlVehicleConfigStore store, IRegistryStore registry, ISignatureRecovery recovery, byte[]? requiredSigner,
    TimeProvider clock, ILogger logger)
{
    // The version last published per config topic, so a device that resubscribes does not get the same message twice.
    private readonly ConcurrentDictionary<string, int> _published = new(StringComparer.Ordinal);

    /// <summary>Publishes a retained message on a topic (QoS 1); set by the host once its MQTT side exists.</summary>
    public Func<string, byte[], CancellationToken, Task>? Publish { get; set; }

    public SqlVehicleConfigStore Store => store;

    /// <summary>Validates and stores the config, then publishes it to the paired device, if any.</summary>
    public async Task<VehicleConfigUpdate> SetAsync(long vehicleNode, string? template, byte[]? table, byte[]? tableSignature, CancellationToken cancellationToken = default)
    {
        _ = await registry.GetVehicleAsync(vehicleNode, cancellationToken) ?? throw new RegistryException(RegistryError.NotFound, "no vehicle " + vehicleNode);
        var text = RequireTemplate(template);
        byte[]? signer = null;
        if (table != null || tableSignature != null)
            signer = RequireTable(table, tableSignature);
        var config = await store.SetAsync(vehicleNode, text, table, tableSignature, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var device = await registry.FindDeviceByVehicleAsync(vehicleNode, cancellationToken);
        var published = device is { IsRevoked: false } && await TryPublishAsync(EthAddress.ToLowerString(device.Address), config, cancellationToken);
        return new VehicleConfigUpdate(config, device?.Address, signer, published);
    }

    /// <summary>The signer of a stored table (null without one).</summary>
    public byte[]? SignerOf(VehicleConfig config) =>
        config.DecoderTable is { } table && config.TableSignature is { } signature ? Recover(table, signature) : null;

    /// <summary>The config of the vehicle the device is paired with, published if this device has not had that version yet.</summary>
    public async Task PublishForDeviceAsync(string lowercaseAddress, CancellationToken cancellationToken) =>
        await PublishForDeviceAsync(await registry.FindDeviceByAddressAsync(EthAddress.Parse(lowercaseAddress), cancellationToken), cancellationToken);

    /// <summary>
    /// The same for a device record at hand (none, revoked or unpaired: nothing). The registry calls it right after a
    /// pairing (<see cref="RegistryService.Paired"/>), so a vehicle's stored config reaches its new dongle at once.
    /// </summary>
    public async Task PublishForDeviceAsync(DeviceRecord? device, CancellationToken cancellationToken)
    {
        if (device is not { IsRevoked: false, VehicleNode: { } vehicle })
            return;
        if (await store.GetAsync(vehicle, cancellationToken) is { } config)
            await TryPublishAsync(EthAddress.ToLowerString(device.Address), config, cancellationToken);
    }

    /// <summary>Publishes every stored config to its vehicle's paired device (an ingestor on an external broker, at start).</summary>
    public async Task RepublishAllAsync(CancellationToken cancellationToken)
    {
        foreach (var config in await store.AllAsync(cancellationToken))
        {
            if (await registry.FindDeviceByVehicleAsync(config.VehicleNode, cancellationToken) is { IsRevoked: false } device)
                await TryPublishAsync(EthAddress.ToLowerString(device.Address), config, cancellationToken);
        }
    }

    /// <summary>The message a dongle receives for this config.</summary>
    public static byte[] Message(VehicleConfig config) => new DeviceConfig(config.Version, config.Template, config.DecoderTable, config.TableSignature).Encode();

    private async Task<bool> TryPublishAsync(string lowercaseAddress, VehicleConfig config, CancellationToken cancellationToken)
    {
        var topic = DeviceTopics.Config(lowercaseAddress);
        if (Publish is not { } publish)
            return false;
        if (_published.TryGetValue(topic, out var version) && version == config.Version)
            return true;
        try
        {
            await publish(topic, Message(config), cancellationToken);
            _published[topic] = config.Version;
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stored all the same: the next subscribe (embedded) or start (broker) publishes it again.
            logger.LogWarning("Publishing config version {Version} on {Topic} failed: {Error}", config.Version, topic, e.Message);
            return false;
        }
    }

    private static string RequireTemplate(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
            throw new RegistryException(RegistryError.Invalid, "a config needs a poll template, e.g. \"" + PollTemplate.DefaultText + "\"");
        if (template.Length > DeviceConfigFormat.MaxTemplateBytes || template.Any(c => c >= 0x80))
            throw new RegistryException(RegistryError.Invalid, "a template is ASCII text of at most " + DeviceConfigFormat.MaxTemplateBytes + " characters");
        try
        {
            PollTemplate.Parse(template);
        }
        catch (FormatException e)
        {
            throw new RegistryException(RegistryError.Invalid, "template: " + e.Message);
        }
        return template;
    }

    private byte[] RequireTable(byte[]? table, byte[]? signature)
    {
        if (table == null || signature == null)
            throw new RegistryException(RegistryError.Invalid, "a decoder table travels with the operator's signature of it (tableSignature), and only with one");
        if (table.Length > DeviceConfigFormat.MaxTableBytes)
            throw new RegistryException(RegistryError.Invalid, $"the decoder table is {table.Length} bytes; a dongle takes at most {DeviceConfigFormat.MaxTableBytes} (select fewer messages)");
        try
        {
            DecoderTable.Load(table);
        }
        catch (DecoderTableException e)
        {
            throw new RegistryException(RegistryError.Invalid, "the decoder table does not load: " + e.Message + " (compile it with dimo dbc compile)");
        }
        if (signature.Length != DeviceConfigFormat.SignatureLength)
            throw new RegistryException(RegistryError.Invalid, "a table signature is 65 bytes (r ‖ s ‖ v)");
        var signer = Recover(table, signature) ?? throw new RegistryException(RegistryError.BadSignature, "the table signature does not recover a signer");
        if (requiredSigner != null && !signer.AsSpan().SequenceEqual(requiredSigner))
            throw new RegistryException(RegistryError.BadSignature,
                "the decoder table is signed by " + EthAddress.ToChecksumString(signer) + ", not by the operator key the dongles trust " + EthAddress.ToChecksumString(requiredSigner));
        return signer;
    }

    private byte[]? Recover(byte[] table, byte[] signature)
    {
        var signer = new byte[EthAddress.Length];
        return recovery.TryRecoverAddress(Eip191.Hash(table, 0, table.Length), signature, signer) ? signer : null;
    }
}

/// <summary>What setting a config did: the stored config, the device it was published to (if paired), the table's signer, and whether it went out.</summary>
public sealed record VehicleConfigUpdate(VehicleConfig Config, byte[]? Device, byte[]? TableSigner, bool Published);
