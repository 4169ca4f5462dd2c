using Dimo.Core.Crypto;
using Dimo.Ingest.Rewards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dimo.Ingest.Http;

/// <summary>
/// The computed weeks, public as DIMO's payouts are on chain: a week's summary (limit, totals, Merkle root, counts by
/// reason) and a recipient's claim (amount and proof). A week not computed yet, or a recipient without a payout, is a
/// 404 with the usual error body.
/// </summary>
public static class RewardEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SqlRewardStore rewards)
    {
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
    }

    private static IResult WeekNotComputed(long week) =>
        NotFound($"week {week} is not computed: the weekly job computes a week 48 h after it ends (dimo rewards run --week {week})");

    private static IResult NotFound(string message) =>
        Results.Json(new { error = "notFound", message }, statusCode: StatusCodes.Status404NotFound);
}
