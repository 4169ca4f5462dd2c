using Dimo.Core.Crypto;
using Dimo.Ingest.Configs;
using Dimo.Ingest.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Operations;

/// <summary>The operator sets and reads a vehicle's config (poll template, optional signed decoder table); see shared/docs/config.md.</summary>
public static class VehicleConfigEndpoints
{
    /// <summary><c>decoderTable</c> is base64; <c>tableSignature</c> 0x hex (65 bytes, the operator's EIP-191 signature of the table bytes).</summary>
    public sealed record SetConfigRequest(string? Template, string? DecoderTable, string? TableSignature);

    public static void Map(IEndpointRouteBuilder app, OperatorAccess access, VehicleConfigService configs)
    {
        app.MapPost("/api/operator/vehicles/{node:long}/config", (long node, SetConfigRequest request, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            byte[]? table = null;
            if (request.DecoderTable != null)
            {
                try
                {
                    table = Convert.FromBase64String(request.DecoderTable);
                }
                catch (FormatException)
                {
                    throw new FormatException("decoderTable is the compiled table's bytes in base64");
                }
            }
            var signature = request.TableSignature == null ? null : RegistryEndpoints.Signature(request.TableSignature);
            var update = await configs.SetAsync(node, request.Template, table, signature, ct);
            return Results.Json(View(update.Config, update.Device, update.TableSigner, update.Published));
        })).RequireOperator(access);

        app.MapGet("/api/operator/vehicles/{node:long}/config", (long node, CancellationToken ct) => ApiErrors.Guard(async () =>
            await configs.Store.GetAsync(node, ct) is { } config
                ? Results.Json(View(config, null, configs.SignerOf(config), null))
                : RegistryEndpoints.NotFound("config for vehicle", node))).RequireOperator(access);
    }

    private static object View(VehicleConfig c, byte[]? device, byte[]? signer, bool? published) => new
    {
        vehicleNode = c.VehicleNode,
        version = c.Version,
        template = c.Template,
        decoderTableBytes = c.DecoderTable?.Length,
        tableSigner = signer == null ? null : EthAddress.ToChecksumString(signer),
        updatedMs = c.UpdatedMs,
        device = device == null ? null : EthAddress.ToChecksumString(device),
        published,
    };
}
