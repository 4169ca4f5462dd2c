using Dimo.Ingest.Registry.Passwords;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>
/// <c>POST /api/devices/by-address/{address}/password</c>: registers a device's fixed MQTT password (the factory does
/// it at mint time, or an app on the device's behalf). The password proves itself, so no other signature is asked
/// for; it is a secret, so send it over HTTPS only. See cloud/docs/device-credential.md.
/// </summary>
public static class DevicePasswordEndpoints
{
    public static void Map(IEndpointRouteBuilder app, DevicePasswords passwords)
    {
        app.MapPost("/api/devices/by-address/{address}/password", (string address, DevicePasswordRequest r, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var check = await passwords.RegisterAsync(RegistryEndpoints.Address(address), r.Password, ct);
            return check.Verdict switch
            {
                DevicePasswordVerdict.Accepted => Results.Json(new { address = address.ToLowerInvariant(), generation = check.Record!.Generation }),
                DevicePasswordVerdict.UnknownDevice => Results.Json(new { error = "notFound", message = check.Detail }, statusCode: StatusCodes.Status404NotFound),
                DevicePasswordVerdict.Superseded => Results.Json(new { error = "conflict", message = check.Detail }, statusCode: StatusCodes.Status409Conflict),
                DevicePasswordVerdict.Forged => Results.Json(new { error = "badSignature", message = check.Detail }, statusCode: StatusCodes.Status400BadRequest),
                _ => Results.Json(new { error = "invalid", message = check.Detail + " (expected pw1:<generation>:0x<130 hex>)" }, statusCode: StatusCodes.Status400BadRequest),
            };
        }));
    }
}

/// <summary>The body of a password registration: the device's <c>pw1:…</c> text.</summary>
public sealed record DevicePasswordRequest(string Password);
