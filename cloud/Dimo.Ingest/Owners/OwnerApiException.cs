using Microsoft.AspNetCore.Http;

namespace Dimo.Ingest.Owners;

/// <summary>
/// A refusal of the owner API with its HTTP status and reason, e.g. 401 <c>unauthorized</c> (no or stale token,
/// or a SIWE message that fails a check), 403 <c>forbidden</c> (a grantee without the permission asked for),
/// 404 <c>notFound</c> (a vehicle the caller neither owns nor holds a grant on).
/// </summary>
public sealed class OwnerApiException(int status, string error, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Error { get; } = error;

    public static OwnerApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static OwnerApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "forbidden", message);

    public static OwnerApiException NotFound(string message) => new(StatusCodes.Status404NotFound, "notFound", message);

    public static OwnerApiException Invalid(string message) => new(StatusCodes.Status400BadRequest, "invalid", message);
}
