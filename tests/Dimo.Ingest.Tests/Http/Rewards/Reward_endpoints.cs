using System.Net;
using Dimo.Core.Crypto;
using Dimo.Ingest.Rewards;
using Dimo.Ingest.Tests.Owners;
using Dimo.Rewards.Rules;
using Dimo.Testing;
using Keys = Dimo.Ingest.Tests.Pipeline.PipelineHarness.Keys;

namespace Dimo.Ingest.Tests.Http.Rewards;

/// <summary>
/// A computed week and its claims are public; a week not computed and a recipient without a payout are 404s. A
/// vehicle's details go to its owner and grantees only.
/// </summary>
public sealed class Reward_endpoints : IAsyncLifetime
{
    private OwnerApiHarness _h = null!;
    private StoredWeek _week = null!;

    public async Task InitializeAsync()
    {
        // The harness's device delivered one batch (speed and the registered VIN) this week; compute it once it is due.
        _h = await OwnerApiHarness.StartAsync();
        var week = IssuanceWeek.Of(DateTimeOffset.FromUnixTimeMilliseconds(_h.ReadingMs));
        _week = await new WeeklyRewardsJob(_h.Host.Store, _h.Host.Registry.Store, _h.Host.Rewards, WeeklyRewardsJob.DefaultRules)
            .RunAsync(week, IssuanceWeek.End(week) + WeeklyRewardsJob.GracePeriod + TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_computed_week_is_public_with_its_limit_totals_root_and_counts_by_reason()
    {
        var (status, body) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(_week.Week, body.GetProperty("week").GetInt64());
        Assert.Equal(WeiFormat.Wei(_week.LimitWei), body.GetProperty("weeklyLimitWei").GetString());
        Assert.Equal(6000, body.GetProperty("totalPoints").GetInt64());
        Assert.Equal(WeiFormat.Wei(_week.DistributedWei), body.GetProperty("distributedWei").GetString());
        Assert.Equal(1, body.GetProperty("reasons").GetProperty("ok").GetInt32());
        Assert.Equal(1, body.GetProperty("claims").GetInt32());
        Assert.Equal(_week.Claims.Root, body.GetProperty("merkleRoot").GetString());
        Assert.StartsWith("0x", _week.Claims.Root);
    }

    [Fact]
    public async Task A_recipients_claim_has_its_amount_and_a_proof_of_the_weeks_root()
    {
        var owner = Keys.Owner;
        var (status, body) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week}/claims/{owner.ChecksumAddress.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(owner.ChecksumAddress, body.GetProperty("recipient").GetString());
        var amount = UInt128.Parse(body.GetProperty("amountWei").GetString()!);
        Assert.Equal(_week.DistributedWei, amount);
        // The only leaf is the root: an empty proof, and the root is that leaf's hash.
        Assert.Empty(body.GetProperty("proof").EnumerateArray());
        var leaf = new PayoutTree([(owner.Address, amount)]).Root;
        Assert.Equal("0x" + Hex.Encode(leaf), body.GetProperty("merkleRoot").GetString());
    }

    [Fact]
    public async Task A_week_not_computed_is_a_404_saying_how_to_compute_it()
    {
        var (status, body) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week + 1}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("notFound", body.GetProperty("error").GetString());
        Assert.Contains("dimo rewards run --week " + (_week.Week + 1), body.GetProperty("message").GetString());
        (status, _) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week + 1}/claims/{Keys.Owner.ChecksumAddress}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_recipient_without_a_payout_is_a_404_and_a_malformed_address_a_400()
    {
        var (status, body) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week}/claims/{OwnerApiHarness.Key(0x42).ChecksumAddress}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("notFound", body.GetProperty("error").GetString());
        (status, body) = await OwnerApiHarness.GetAsync(_h.Anonymous, $"/api/rewards/weeks/{_week.Week}/claims/0x1234");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_owner_and_a_grantee_read_a_vehicles_check_row_and_batch_hashes_and_no_one_else()
    {
        var path = $"/api/rewards/weeks/{_week.Week}/vehicles/{_h.VehicleNode}";
        var grantee = OwnerApiHarness.Key(0x61);
        await _h.GrantAsync(grantee, Dimo.Ingest.Owners.Grants.Permission.LiveData);
        foreach (var key in new[] { Keys.Owner, grantee })
        {
            using var http = await _h.SignInAsync(key);
            var (status, body) = await OwnerApiHarness.GetAsync(http, path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", body.GetProperty("reason").GetString());
            Assert.Equal(6000, body.GetProperty("row").GetProperty("aftermarketDevicePoints").GetInt64());
            Assert.Equal(WeiFormat.Wei(_week.DistributedWei), body.GetProperty("row").GetProperty("aftermarketDeviceWei").GetString());
            Assert.Equal(Assert.Single(_week.BatchHashes[_h.VehicleNode]), Assert.Single(body.GetProperty("batchHashes").EnumerateArray()).GetString());
        }

        using var stranger = await _h.SignInAsync(Keys.Stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await OwnerApiHarness.GetAsync(stranger, path)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OwnerApiHarness.GetAsync(_h.Anonymous, path)).Status);
        using var owner = await _h.SignInAsync(Keys.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await OwnerApiHarness.GetAsync(owner, $"/api/rewards/weeks/{_week.Week + 1}/vehicles/{_h.VehicleNode}")).Status);
    }
}
