using Dimo.Core.Crypto;
using Dimo.Ingest.Operations;
using Dimo.Ingest.Owners;
using Dimo.Ingest.Owners.Auth;
using Dimo.Ingest.Rewards;
using Dimo.Rewards.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>
/// The computed weeks, public as DIMO's payouts are on chain: a week's summary (limit, totals, Merkle root, counts by
/// reason) and a recipient's claim (amount and proof). A week not computed yet, or a recipient without a payout, is a
/// 404 with the usual error body. A vehicle's details in a week (its check, reward row and the hashes of the batches
/// that made it active) go only to its owner and its grantees (a SIWE bearer token and a live grant of any permission).
/// The week's inputs are public too, for anyone to recompute it (<c>dimo rewards verify</c>); its anomaly flags and late
/// batches are the operator's.
/// </summary>
public static class RewardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SqlRewardStore rewards, OwnerContext owners, OperatorAccess access)
    {
        app.MapGet("/api/rewards/weeks/{week:long}/inputs", (long week, CancellationToken ct) => ApiErrors.Guard(async () =>
            await rewards.GetPublishedAsync(week, ct) is { } published ? Results.Json(published, PublishedWeek.Json) : WeekNotComputed(week)));

        app.MapGet("/api/operator/rewards/weeks/{week:long}/flags", (long week, CancellationToken ct) => ApiErrors.Guard(async () =>
            await rewards.GetWeekAsync(week, ct) is { } stored ? Results.Json(WeekViews.Flags(stored)) : WeekNotComputed(week))).RequireOperator(access);

        app.MapGet("/api/rewards/weeks/{week:long}", (long week, CancellationToken ct) => ApiErrors.Guard(async () =>
            await rewards.GetWeekAsync(week, ct) is { } stored ? Results.Json(WeekViews.Summary(stored)) : WeekNotComputed(week)));

        app.MapGet("/api/rewards/weeks/{week:long}/claims/{address}", (long week, string address, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            var recipient = EthAddress.ToChecksumString(EthAddress.Parse(address));
            if (await rewards.GetWeekAsync(week, ct) is not { } stored)
                return WeekNotComputed(week);
            return stored.Claims.Claims.FirstOrDefault(c => string.Equals(c.Recipient, recipient, StringComparison.OrdinalIgnoreCase)) is { } claim
                ? Results.Json(WeekViews.Claim(week, stored.Claims.Root, claim))
                : NotFound($"{recipient} has no claim in week {week}");
        }));

        app.MapGet("/api/rewards/weeks/{week:long}/vehicles/{node:long}", (long week, long node, HttpContext http, CancellationToken ct) => ApiErrors.Guard(async () =>
        {
            // Neither owner nor grantee: the same 404 as for a vehicle that does not exist.
            await owners.Grants.AccessAsync(node, Bearer.Caller(http), ct);
            if (await rewards.GetWeekAsync(week, ct) is not { } stored)
                return WeekNotComputed(week);
            var check = stored.Checks.Where(c => c.VehicleId == node).Select(c => (VehicleCheck?)c).SingleOrDefault();
            var row = stored.Rows.Where(r => r.VehicleId == node).Select(r => (RewardRow?)r).SingleOrDefault();
            if (check == null && row == null)
                return NotFound($"vehicle {node} was not active in week {week} and carried no streak into it");
            return Results.Json(new
            {
                week,
                vehicleId = node,
                reason = check?.Reason.WireName(),
                vinUsedBy = check?.VinUsedBy,
                row = row is { } r ? WeekViews.Row(r) : null,
                batchHashes = stored.BatchHashes.TryGetValue(node, out var hashes) ? hashes : [],
            });
        })).Require(owners.Sessions);
    }

    private static IResult WeekNotComputed(long week) =>
        NotFound($"week {week} is not computed: the weekly job computes a week 48 h after it ends (dimo rewards run --week {week})");

    private static IResult NotFound(string message) =>
        Results.Json(new { error = "notFound", message }, statusCode: StatusCodes.Status404NotFound);
}
