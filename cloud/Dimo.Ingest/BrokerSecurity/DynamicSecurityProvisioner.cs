using System.Text.Json.Nodes;
using Dimo.Core.Crypto;
using Dimo.Core.DeviceContract;
using Dimo.Ingest.Registry.Passwords;
using Dimo.Mqtt.Auth;
using Dimo.Mqtt.Client;
using Microsoft.Extensions.Logging;

namespace Dimo.Ingest.BrokerSecurity;

/// <summary>
/// Keeps Mosquitto's dynamic security in step with the registry, so the broker confines devices as the embedded
/// endpoint does (cloud/docs/device-credential.md): each device with a registered password is a broker client named
/// by its address, holding a role that lets it publish only to its batches topic and subscribe only to its config
/// topic; a revoked device's client is disabled (which disconnects it) and deleted; ingestors hold
/// <see cref="IngestorRole"/>; everything else is denied by default, and anonymous clients are refused by the
/// broker's <c>allow_anonymous false</c>. Broker failures while following a change are logged, not thrown: the
/// registry stays the truth and <see cref="ReconcileAsync"/> (at start and periodically) repairs the broker.
/// </summary>
public sealed class DynamicSecurityProvisioner(DynamicSecurityAdmin admin, ILogger logger) : IDeviceAccessListener
{
    public const string IngestorRole = "dimo-ingestor";
    public const string DeviceRolePrefix = "dimo-device-";

    /// <summary>The shared subscription ingestors join (see <c>ExternalBrokerConsumer</c>).</summary>
    public const string IngestorSubscription = "$share/ingest/" + DeviceTopics.AllBatches;

    private const string ConfigOfAnyDevice = DeviceTopics.Root + "+/config";

    /// <summary>
    /// Sets deny-by-default ACLs and the ingestor role, and when <paramref name="ingestor"/> is given makes sure that
    /// broker client exists with this password and the role (ingestors provision their own login).
    /// </summary>
    public async Task EnsureBaseAsync(MqttCredentials? ingestor, CancellationToken cancellationToken = default)
    {
        var commands = new List<JsonObject>
        {
            new()
            {
                ["command"] = "setDefaultACLAccess",
                ["acls"] = new JsonArray(
                    Acl("publishClientSend", null, false), Acl("publishClientReceive", null, true),
                    Acl("subscribe", null, false), Acl("unsubscribe", null, true)),
            },
            new()
            {
                ["command"] = "createRole",
                ["rolename"] = IngestorRole,
                ["textdescription"] = "Dimo ingestors: consume every device's batches, publish retained config",
            },
            // Replacing the ACL list keeps an existing role exactly as this version of the ingestor wants it.
            new()
            {
                ["command"] = "modifyRole",
                ["rolename"] = IngestorRole,
                ["acls"] = new JsonArray(
                    // Mosquitto checks a shared subscription's filter as written, $share prefix included.
                    Acl("subscribeLiteral", IngestorSubscription, true),
                    Acl("subscribePattern", DeviceTopics.AllBatches, true),
                    Acl("publishClientSend", ConfigOfAnyDevice, true)),
            },
        };
        if (ingestor != null)
        {
            commands.Add(CreateClient(ingestor.Username, ingestor.Password, IngestorRole, "Dimo ingestor"));
            commands.Add(ModifyClient(ingestor.Username, ingestor.Password, IngestorRole, "Dimo ingestor"));
        }
        await admin.RunCheckedAsync(commands, (command, error) => command is "createRole" or "createClient" && AlreadyExists(error), cancellationToken);
    }

    /// <summary>Creates (or updates) the device's broker client with its registered password and its own role.</summary>
    public async Task ProvisionAsync(DevicePasswordRecord record, CancellationToken cancellationToken = default)
    {
        var address = EthAddress.ToLowerString(record.Address);
        var role = DeviceRolePrefix + address;
        var acls = new JsonArray(
            Acl("publishClientSend", DeviceTopics.Batches(address), true),
            Acl("subscribeLiteral", DeviceTopics.Config(address), true));
        var description = Description(record.Generation);
        await admin.RunCheckedAsync(
        [
            new() { ["command"] = "createRole", ["rolename"] = role },
            new() { ["command"] = "modifyRole", ["rolename"] = role, ["acls"] = acls },
            CreateClient(address, record.Password, role, description),
            ModifyClient(address, record.Password, role, description),
            new() { ["command"] = "enableClient", ["username"] = address },
        ], (command, error) => command is "createRole" or "createClient" && AlreadyExists(error), cancellationToken);
    }

    /// <summary>Disables (which disconnects it at once), then deletes the device's client and role.</summary>
    public async Task RemoveAsync(byte[] address, CancellationToken cancellationToken = default)
    {
        var username = EthAddress.ToLowerString(address);
        await admin.RunCheckedAsync(
        [
            new() { ["command"] = "disableClient", ["username"] = username },
            new() { ["command"] = "deleteClient", ["username"] = username },
            new() { ["command"] = "deleteRole", ["rolename"] = DeviceRolePrefix + username },
        ], (_, error) => error.Contains("not found", StringComparison.OrdinalIgnoreCase), cancellationToken);
    }

    /// <summary>
    /// Makes the broker's device clients match <paramref name="live"/> (every registered password of an unrevoked
    /// device): missing or outdated ones are provisioned, device clients not in the list are removed. Returns how many
    /// clients it changed.
    /// </summary>
    public async Task<int> ReconcileAsync(IReadOnlyList<DevicePasswordRecord> live, CancellationToken cancellationToken = default)
    {
        var listed = await admin.RunCheckedAsync([new() { ["command"] = "listClients", ["verbose"] = true, ["count"] = -1, ["offset"] = 0 }],
            (_, _) => false, cancellationToken);
        var onBroker = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var client in listed[0]["data"]?["clients"]?.AsArray() ?? [])
        {
            if ((string?)client?["username"] is { } username && DeviceAddress.IsCanonical(username))
                onBroker[username] = (client?["disabled"]?.GetValue<bool>() == true ? "disabled " : "") + (string?)client?["textdescription"];
        }
        var changed = 0;
        foreach (var record in live)
        {
            var address = EthAddress.ToLowerString(record.Address);
            if (onBroker.Remove(address, out var description) && description == Description(record.Generation))
                continue;
            await ProvisionAsync(record, cancellationToken);
            changed++;
        }
        foreach (var stale in onBroker.Keys)
        {
            await RemoveAsync(EthAddress.Parse(stale), cancellationToken);
            changed++;
        }
        return changed;
    }

    async Task IDeviceAccessListener.PasswordRegisteredAsync(DevicePasswordRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await ProvisionAsync(record, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not provision {Device} in the broker; the next reconciliation retries", EthAddress.ToLowerString(record.Address));
        }
    }

    async Task IDeviceAccessListener.DeviceRevokedAsync(byte[] address, CancellationToken cancellationToken)
    {
        try
        {
            await RemoveAsync(address, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not remove revoked {Device} from the broker; the next reconciliation retries", EthAddress.ToLowerString(address));
        }
    }

    private static string Description(int generation) => "dimo device, password generation " + generation;

    private static JsonObject CreateClient(string username, string password, string role, string description) => new()
    {
        ["command"] = "createClient",
        ["username"] = username,
        ["password"] = password,
        ["textdescription"] = description,
        ["roles"] = new JsonArray(new JsonObject { ["rolename"] = role }),
    };

    private static JsonObject ModifyClient(string username, string password, string role, string description) => new()
    {
        ["command"] = "modifyClient",
        ["username"] = username,
        ["password"] = password,
        ["textdescription"] = description,
        ["roles"] = new JsonArray(new JsonObject { ["rolename"] = role }),
    };

    private static JsonObject Acl(string type, string? topic, bool allow)
    {
        var acl = new JsonObject { ["acltype"] = type, ["allow"] = allow };
        if (topic != null)
            acl["topic"] = topic;
        return acl;
    }

    private static bool AlreadyExists(string error) => error.Contains("already exists", StringComparison.OrdinalIgnoreCase);
}
