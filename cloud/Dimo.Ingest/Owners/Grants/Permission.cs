namespace Dimo.Ingest.Owners.Grants;

/// <summary>
/// DIMO's SACD permission ids. On the wire a set of them is one uint256 with two bits per id: id i is bits
/// 2i and 2i+1, and <c>11</c> means granted (<see cref="PermissionSet"/>). Ids 0 and 2 are not used here.
/// </summary>
public enum Permission
{
    NonLocationHistory = 1,
    CurrentLocation = 3,
    LocationHistory = 4,
    Vin = 5,
    LiveData = 6,
    RawData = 7,
    ApproximateLocation = 8,
}
