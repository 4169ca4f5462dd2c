using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dimo.Cli.Operator;
using Dimo.Core.Crypto;
using Dimo.Core.Wire;
using Dimo.Ingest.Rewards;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;
using Dimo.Verification.Recovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo rewards verify --week N --api URL [--token BEARER]</c>: recomputes a published week as a third party would.
/// Downloads the week's inputs (<c>GET /api/rewards/weeks/{week}/inputs</c>), runs the same engine over them, and
/// checks every recipient's payout, the total and the Merkle root against what the API publishes. Batches: where
/// <c>--token</c> (an owner API session, <c>POST /api/auth/login</c>) may read a vehicle's signed batches (its owner,
/// or a grantee with permission 7), each published batch hash must be the keccak-256 of a batch served for the vehicle,
/// whose signature this command recovers itself to the device, and which holds a counted reading in the week;
/// elsewhere the published hashes are only checked for form and uniqueness. When the week before is published, it is
/// recomputed too and must leave exactly the streaks this week says were carried in. Prints a JSON report (batches verified
/// and only hash-checked); exit 1 with one line naming the first difference.
/// </summary>
public static class RewardsVerifyCommand
{
    public static Command Create()
    {
        var weekOption = new Option<long>("--week") { Description = "the computed issuance week to recompute", Required = true };
        var apiOption = ApiOptions.UrlOption();
        var tokenOption = new Option<string?>("--token") { Description = "an owner API bearer token: batches of vehicles it may read are re-verified, not only hash-checked" };
        var command = new Command("verify", "Recompute a published week from its public inputs and check payouts, Merkle root and batches")
        {
            weekOption, apiOption, tokenOption,
        };
        command.SetAction((parsed, cancellationToken) => VerifyAsync(parsed.GetValue(weekOption), parsed.GetValue(apiOption)!, parsed.GetValue(tokenOption),
            parsed.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    public static async Task<int> VerifyAsync(long week, Uri api, string? token, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        var published = await GetAsync<PublishedWeek>(http, $"api/rewards/weeks/{week}/inputs", null, week, cancellationToken)
            ?? throw new CliException($"week {week} is not computed at {api}: nothing to verify yet");
        var summary = await GetAsync<JsonElement>(http, $"api/rewards/weeks/{week}", null, week, cancellationToken);
        if (published.Week != week)
            throw Difference($"the API published week {published.Week}'s inputs for week {week}");

        // The same engine over the published inputs.
        WeekResult result;
        try
        {
            result = WeeklyRewards.Compute(published.Rules(), published.Input());
        }
        catch (ArgumentException e)
        {
            throw Difference("the published inputs are not a valid week: " + e.Message);
        }
        var recomputed = WeekClaims.Of(result.Rows);
        ComparePayouts(published, recomputed);
        if (WeiFormat.Wei(result.DistributedWei) != published.DistributedWei)
            throw Difference($"distributed total: published {published.DistributedWei} wei, recomputed {WeiFormat.Wei(result.DistributedWei)} wei");
        if (!string.Equals(recomputed.Root, published.MerkleRoot, StringComparison.OrdinalIgnoreCase))
            throw Difference($"Merkle root: published {published.MerkleRoot ?? "none"}, recomputed {recomputed.Root ?? "none"}");
        var summaryRoot = summary.TryGetProperty("merkleRoot", out var root) && root.ValueKind == JsonValueKind.String ? root.GetString() : null;
        if (!string.Equals(summaryRoot, published.MerkleRoot, StringComparison.OrdinalIgnoreCase))
            throw Difference($"Merkle root: the week's summary says {summaryRoot ?? "none"}, its inputs {published.MerkleRoot ?? "none"}");

        var previousChecked = await CheckCarriedInAsync(http, published, cancellationToken);
        var (verified, hashChecked) = await CheckBatchesAsync(http, published, token, cancellationToken);
        output.WriteLine(JsonSerializer.Serialize(new
        {
            week,
            merkleRoot = published.MerkleRoot,
            distributedWei = published.DistributedWei,
            vehicles = published.Vehicles.Count(v => v.Active),
            claims = recomputed.Claims.Count,
            carriedInRecomputed = previousChecked,
            batchesVerified = verified,
            batchesHashChecked = hashChecked,
            result = "ok",
        }));
        output.Flush();
        return CliRunner.Success;
    }

    /// <summary>Each recipient's recomputed payout against the published one, in address order; the first difference is named.</summary>
    private static void ComparePayouts(PublishedWeek published, WeekClaims recomputed)
    {
        var publishedAmounts = published.Claims.ToDictionary(c => c.Recipient.ToLowerInvariant(), c => c.AmountWei);
        var recomputedAmounts = recomputed.Claims.ToDictionary(c => c.Recipient.ToLowerInvariant(), c => WeiFormat.Wei(c.AmountWei));
        foreach (var recipient in publishedAmounts.Keys.Union(recomputedAmounts.Keys).Order(StringComparer.Ordinal))
        {
            var was = publishedAmounts.GetValueOrDefault(recipient) ?? "0";
            var now = recomputedAmounts.GetValueOrDefault(recipient) ?? "0";
            if (was != now)
                throw Difference($"payout of {EthAddress.ToChecksumString(EthAddress.Parse(recipient))}: published {was} wei, recomputed {now} wei");
        }
    }

    /// <summary>
    /// When the week before is published too, recomputes it and checks that the streak states it leaves are exactly
    /// the ones this week says were carried in; false when there is no week before to check against.
    /// </summary>
    private static async Task<bool> CheckCarriedInAsync(HttpClient http, PublishedWeek published, CancellationToken cancellationToken)
    {
        if (published.Week == 0 || await GetAsync<PublishedWeek>(http, $"api/rewards/weeks/{published.Week - 1}/inputs", null, published.Week, cancellationToken) is not { } previous)
            return false;
        var left = WeeklyRewards.Compute(previous.Rules(), previous.Input()).NextState;
        var carried = published.Vehicles.Where(v => v.CarriedIn != null).ToDictionary(v => v.VehicleId, v => v.CarriedIn!.Value);
        foreach (var vehicle in left.Keys.Union(carried.Keys).Order())
        {
            StreakState? was = carried.TryGetValue(vehicle, out var c) ? c : null, now = left.TryGetValue(vehicle, out var l) ? l : null;
            if (was != now)
                throw Difference($"vehicle {vehicle}: week {published.Week} carries in {Describe(was)}, but week {published.Week - 1} recomputes to {Describe(now)}");
        }
        return true;

        static string Describe(StreakState? state) => state is { } s ? $"a streak of {s.StreakWeeks} with {s.DisconnectionStreak} missed" : "no streak";
    }

    private static async Task<(int Verified, int HashChecked)> CheckBatchesAsync(HttpClient http, PublishedWeek published, string? token, CancellationToken cancellationToken)
    {
        var recovery = SignatureRecoveryFactory.Create(NullLogger.Instance);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int verified = 0, hashChecked = 0;
        var from = IssuanceWeek.Start(published.Week).ToUnixTimeMilliseconds();
        var to = IssuanceWeek.End(published.Week).ToUnixTimeMilliseconds() - 1;
        foreach (var vehicle in published.Vehicles.Where(v => v.Active))
        {
            if (vehicle.BatchHashes.Count == 0)
                throw Difference($"vehicle {vehicle.VehicleId} is active without a published batch");
            foreach (var hash in vehicle.BatchHashes)
            {
                if (hash.Length != 66 || !hash.StartsWith("0x", StringComparison.Ordinal) || !hash[2..].All(Uri.IsHexDigit))
                    throw Difference($"vehicle {vehicle.VehicleId}: '{hash}' is not a batch hash (0x and 64 hex digits)");
                if (!seen.Add(hash))
                    throw Difference($"batch {hash} is published for two vehicles or twice");
            }
            var served = token == null ? null
                : await GetAsync<List<ServedBatch>>(http, $"api/vehicles/{vehicle.VehicleId}/batches?from={from}&to={to}", token, published.Week, cancellationToken);
            if (served == null)
            {
                hashChecked += vehicle.BatchHashes.Count;
                continue;
            }
            // The hash is recomputed from the bytes served, never taken from the server's word.
            var byHash = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
            foreach (var batch in served)
            {
                var raw = Hex.Decode(batch.Wire.StartsWith("0x", StringComparison.Ordinal) ? batch.Wire[2..] : batch.Wire);
                byHash.TryAdd("0x" + Hex.Encode(Keccak256.Hash(raw)), raw);
            }
            foreach (var hash in vehicle.BatchHashes)
            {
                if (!byHash.TryGetValue(hash, out var raw))
                    throw Difference($"vehicle {vehicle.VehicleId}: batch {hash} is not among the signed batches the API serves for it (tampered or withheld)");
                VerifyBatch(recovery, vehicle, hash, raw, published.Week);
                verified++;
            }
        }
        return (verified, hashChecked);
    }

    private static void VerifyBatch(ISignatureRecovery recovery, PublishedVehicle vehicle, string hash, byte[] raw, long week)
    {
        if (raw.Length <= SignedBatch.SignatureLength)
            throw Difference($"vehicle {vehicle.VehicleId}: batch {hash} is too short to hold a signature");
        var signed = SignedBatch.Split(raw, 0, raw.Length);
        var signer = new byte[EthAddress.Length];
        if (!recovery.TryRecoverAddress(Eip191.Hash(signed.Body, 0, signed.Body.Length), signed.Signature, signer))
            throw Difference($"vehicle {vehicle.VehicleId}: batch {hash}'s signature recovers no signer");
        if (vehicle.Device == null || !signer.AsSpan().SequenceEqual(EthAddress.Parse(vehicle.Device)))
            throw Difference($"vehicle {vehicle.VehicleId}: batch {hash} is signed by {EthAddress.ToChecksumString(signer)}, not its device {vehicle.Device ?? "(none)"}");
        bool active;
        try
        {
            active = WeeklyActivity.MakesActive(raw, week);
        }
        catch (BatchFormatException e)
        {
            throw Difference($"vehicle {vehicle.VehicleId}: batch {hash} is malformed: {e.Message}");
        }
        if (!active)
            throw Difference($"vehicle {vehicle.VehicleId}: batch {hash} holds no counted reading in week {week}");
    }

    /// <summary>GETs JSON; null on 404 (and, with a token, on 401/403: the caller may not read it).</summary>
    private static async Task<T?> GetAsync<T>(HttpClient http, string path, string? token, long week, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token != null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach {http.BaseAddress}: {e.Message} (check --api)");
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound || (token != null && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                return default;
            if (!response.IsSuccessStatusCode)
                throw new CliException($"{http.BaseAddress}{path} answered {(int)response.StatusCode} while verifying week {week}");
            try
            {
                return await response.Content.ReadFromJsonAsync<T>(PublishedWeek.Json, cancellationToken);
            }
            catch (JsonException e)
            {
                throw Difference($"{path} is not the published format: {e.Message}");
            }
        }
    }

    private static CliException Difference(string what) => new("verification failed: " + what);

    private sealed record ServedBatch(string Wire);
}
