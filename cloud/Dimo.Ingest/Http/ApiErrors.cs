using Dimo.Ingest.Registry;
using Dimo.Ingest.Storage;
using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Http;

/// <summary>Maps typed failures to HTTP: <c>{"error": reason, "message": text}</c> with the matching status.</summary>
public static class ApiErrors
{
    public static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (RegistryException e)
        {
            var (status, name) = e.Error switch
            {
                RegistryError.Invalid => (StatusCodes.Status400BadRequest, "invalid"),
                RegistryError.BadSignature => (StatusCodes.Status403Forbidden, "badSignature"),
                RegistryError.NotFound => (StatusCodes.Status404NotFound, "notFound"),
                _ => (StatusCodes.Status409Conflict, "conflict"),
            };
            return Results.Json(new { error = name, message = e.Message }, statusCode: status);
        }
        catch (Owners.OwnerApiException e)
        {
            return Results.Json(new { error = e.Error, message = e.Message }, statusCode: e.Status);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Results.Json(new { error = "invalid", message = e.Message }, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (StorageUnavailableException e)
        {
            return Results.Json(new { error = "storageUnavailable", message = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
