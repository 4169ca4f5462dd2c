using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Dimo.Ingest.Owners.Grants;
using Dimo.Verification.TypedData;
using static Dimo.Ingest.Tests.Owners.OwnerApiHarness;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Owners.Grants;

/// <summary>Grants are signed by the owner, listed, and end by expiry, revocation or a transfer of the vehicle.</summary>
public sealed class Grant_lifecycle : IAsyncLifetime
{
    private static readonly Dimo.Core.Crypto.PrivateKey Grantee = Key(0x70);
    private static readonly Dimo.Core.Crypto.PrivateKey NewOwner = Key(0x71);

    private OwnerApiHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private string Latest => $"/api/vehicles/{_h.VehicleNode}/latest";

    [Fact]
    public async Task A_grant_stops_working_when_it_expires()
    {
        using var response = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000 + 600, 1);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var http = await _h.SignInAsync(Grantee);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, Latest)).Status);

        _h.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, Latest)).Status);
        var me = (await GetAsync(http, "/api/me/vehicles")).Body;
        Assert.Empty(me.GetProperty("granted").EnumerateArray());
    }

    [Fact]
    public async Task The_owner_lists_and_revokes_a_grant_and_the_grantee_loses_access()
    {
        await _h.GrantAsync(Grantee, Permission.LiveData, Permission.RawData);
        using var http = await _h.SignInAsync(Grantee);
        var mine = (await GetAsync(http, "/api/me/vehicles")).Body;
        var granted = mine.GetProperty("granted").EnumerateArray().Single();
        Assert.Equal(_h.VehicleNode, granted.GetProperty("vehicleNode").GetInt64());
        Assert.Equal([6, 7], granted.GetProperty("permissionIds").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("0xf000", granted.GetProperty("permissions").GetString());
        Assert.Empty(mine.GetProperty("owned").EnumerateArray());

        using (var notTheirs = await http.DeleteAsync($"/api/vehicles/{_h.VehicleNode}/grants/{Grantee.ChecksumAddress}"))
            Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        using var owner = await _h.SignInAsync(Keys.Owner);
        var list = (await GetAsync(owner, $"/api/vehicles/{_h.VehicleNode}/grants")).Body;
        Assert.Equal(Grantee.ChecksumAddress, list.EnumerateArray().Single().GetProperty("grantee").GetString());
        var owned = (await GetAsync(owner, "/api/me/vehicles")).Body.GetProperty("owned").EnumerateArray().Single();
        Assert.Equal(Vin, owned.GetProperty("vin").GetString());

        using var revoked = await owner.DeleteAsync($"/api/vehicles/{_h.VehicleNode}/grants/{Grantee.ChecksumAddress}");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, Latest)).Status);
        var after = (await GetAsync(owner, $"/api/vehicles/{_h.VehicleNode}/grants")).Body.EnumerateArray().Single();
        Assert.Equal(("revoked", false), (after.GetProperty("endedReason").GetString(), after.GetProperty("live").GetBoolean()));
        using var again = await owner.DeleteAsync($"/api/vehicles/{_h.VehicleNode}/grants/{Grantee.ChecksumAddress}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var byGrantee = await http.DeleteAsync($"/api/vehicles/{_h.VehicleNode}/grants/{Grantee.ChecksumAddress}");
        Assert.Equal(HttpStatusCode.NotFound, byGrantee.StatusCode);
    }

    [Fact]
    public async Task A_transfer_signed_by_the_owner_moves_the_vehicle_wipes_its_grants_and_keeps_the_device_paired()
    {
        await _h.GrantAsync(Grantee, Permission.LiveData);
        using var grantee = await _h.SignInAsync(Grantee);
        using var oldOwner = await _h.SignInAsync(Keys.Owner);
        var transfer = new
        {
            newOwner = NewOwner.ChecksumAddress,
            transferNonce = 0L,
            signature = _h.Registry.Sign(Keys.Owner, DimoMessages.TransferVehicle, _h.VehicleNode, NewOwner.Address, 0L),
        };
        var forged = new { transfer.newOwner, transfer.transferNonce, signature = _h.Registry.Sign(Grantee, DimoMessages.TransferVehicle, _h.VehicleNode, NewOwner.Address, 0L) };
        using (var refused = await _h.Anonymous.PostAsJsonAsync($"/api/vehicles/{_h.VehicleNode}/transfer", forged))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using (var moved = await _h.Anonymous.PostAsJsonAsync($"/api/vehicles/{_h.VehicleNode}/transfer", transfer))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(NewOwner.ChecksumAddress, (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("owner").GetString());
        }
        using (var replayed = await _h.Anonymous.PostAsJsonAsync($"/api/vehicles/{_h.VehicleNode}/transfer", transfer))
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(grantee, Latest)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(oldOwner, Latest)).Status);
        using var newOwner = await _h.SignInAsync(NewOwner);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(newOwner, Latest)).Status);
        var grants = (await GetAsync(newOwner, $"/api/vehicles/{_h.VehicleNode}/grants")).Body.EnumerateArray().Single();
        Assert.Equal("transferred", grants.GetProperty("endedReason").GetString());
        var device = (await GetAsync(_h.Anonymous, $"/api/devices/{_h.DeviceNode}")).Body;
        Assert.Equal(_h.VehicleNode, device.GetProperty("vehicleNode").GetInt64());

        // The old owner's grant signatures no longer count: the vehicle has a new owner.
        using var stale = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.InOneHour, 2);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
    }

    [Fact]
    public async Task Grants_not_signed_by_the_owner_replayed_or_badly_encoded_are_refused_with_a_reason()
    {
        using (var forged = await _h.PostGrantAsync(Grantee, Grantee, PermissionSet.Of(Permission.RawData), _h.InOneHour, 1))
            Assert.Equal((HttpStatusCode.Forbidden, "badSignature"), (forged.StatusCode, await Error(forged)));
        using (var first = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.InOneHour, 5))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using (var replay = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.InOneHour, 5))
            Assert.Equal((HttpStatusCode.Conflict, "conflict"), (replay.StatusCode, await Error(replay)));
        using (var halfPair = await _h.PostGrantAsync(Keys.Owner, Grantee, new PermissionSet(0b0100), _h.InOneHour, 6))
            Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (halfPair.StatusCode, await Error(halfPair)));
        using (var expired = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000 - 1, 7))
            Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (expired.StatusCode, await Error(expired)));
        using (var missing = await _h.PostGrantAsync(Keys.Owner, Grantee, PermissionSet.Of(Permission.LiveData), _h.InOneHour, 8, vehicleNode: 99))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_newer_grant_to_the_same_grantee_replaces_the_older_one()
    {
        await _h.GrantAsync(Grantee, Permission.RawData);
        await _h.GrantAsync(Grantee, Permission.LiveData);
        using var http = await _h.SignInAsync(Grantee);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, Latest)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(http, $"/api/vehicles/{_h.VehicleNode}/batches?from=0&to={_h.Clock.GetUtcNow().ToUnixTimeMilliseconds()}")).Status);
    }

    private static async Task<string?> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
}
