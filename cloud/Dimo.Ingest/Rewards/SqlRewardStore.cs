using System.Globalization;
using System.Security.Cryptography;
using Dimo.Core.Crypto;
using Dimo.Ingest.Storage.Sql;
using Dimo.Rewards.Engine;
using Dimo.Rewards.Rules;

namespace Dimo.Ingest.Rewards;

/// <summary>
/// Computed weeks on the same database (and migrations) as batches and registry. A week is written once, in one
/// transaction; the week's primary key makes a second writer (another ingestor on the same PostgreSQL) fail instead
/// of writing twice. Wei amounts exceed 64 bits and are stored as decimal text.
/// </summary>
public sealed class SqlRewardStore
{
    private const string RowColumns = "vehicle_id, connected, streak_weeks, disconnection_streak, level_points, stake_points, aftermarket_points, synthetic_points, streak_wei, aftermarket_wei, synthetic_wei, recipient";

    /// <summary>The advisory lock's key for computing weeks ("dimorwds").</summary>
    private const long WeekLockKey = 0x64696d6f72776473;

    /// <summary>Weeks stored before their rules were kept were computed with the only rules there were then: the defaults.</summary>
    private static RewardRules WeeklyRulesUnknown => WeeklyRewardsJob.DefaultRules;

    private readonly SqlDatabase _database;

    private SqlRewardStore(SqlDatabase database) => _database = database;

    /// <summary>Migrates the schema; the caller keeps ownership of <paramref name="database"/>.</summary>
    public static async Task<SqlRewardStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlRewardStore(database);
    }

    /// <summary>The newest computed week, or null before the first.</summary>
    public Task<long?> LatestWeekAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c => (await SqlCommands.QueryAsync(c, "SELECT MAX(week) FROM reward_weeks",
            r => r.IsDBNull(0) ? (long?)null : Convert.ToInt64(r.GetValue(0)), cancellationToken)).Single(), cancellationToken);

    /// <summary>The week's rows as next week's <see cref="WeekInput.LastWeekRows"/>.</summary>
    public async Task<IReadOnlyDictionary<long, StreakState>> StatesAsync(long week, CancellationToken cancellationToken = default) =>
        (await RowsAsync(week, cancellationToken)).ToDictionary(r => r.VehicleId, r => r.State);

    /// <summary>
    /// Writes a computed week with its audit trail, the rules it was computed with, its published inputs (one per active
    /// vehicle, VINs as tags) and its anomaly flags; false (and nothing written) when the week was stored meanwhile.
    /// </summary>
    public async Task<bool> TrySaveAsync(WeekResult result, IReadOnlyList<VehicleActivity> activity, IReadOnlyList<PublishedVehicle> inputs, string rulesJson,
        IReadOnlyList<WeekFlag> flags, long nowMs, CancellationToken cancellationToken = default)
    {
        try
        {
            var claims = WeekClaims.Of(result.Rows);
            return await _database.RunInTransactionAsync(async (c, t) =>
            {
                await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_weeks (week, contract_year, limit_wei, total_points, distributed_wei, merkle_root, computed_ms, rules) VALUES (@w, @y, @l, @p, @d, @r, @t, @u)",
                    t, cancellationToken, ("@w", result.Week), ("@y", result.ContractYear), ("@l", WeiFormat.Wei(result.LimitWei)), ("@p", result.TotalPoints),
                    ("@d", WeiFormat.Wei(result.DistributedWei)), ("@r", claims.Root), ("@t", nowMs), ("@u", rulesJson));
                foreach (var input in inputs)
                {
                    await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_inputs (week, vehicle_id, owner, device, device_type, device_owner, beneficiary, stake_points, stake_end_ms, vin_tag) VALUES (@w, @v, @o, @d, @y, @do, @b, @sp, @se, @g)",
                        t, cancellationToken, ("@w", result.Week), ("@v", input.VehicleId), ("@o", input.Owner), ("@d", input.Device), ("@y", input.DeviceType),
                        ("@do", input.DeviceOwner), ("@b", input.Beneficiary), ("@sp", input.StakePoints), ("@se", input.StakeEndsAt?.ToUnixTimeMilliseconds()), ("@g", input.VinTag));
                }
                foreach (var flag in flags)
                {
                    await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_flags (week, vehicle_id, flag, detail) VALUES (@w, @v, @f, @d)",
                        t, cancellationToken, ("@w", result.Week), ("@v", flag.VehicleId), ("@f", flag.Flag), ("@d", flag.Detail));
                }
                foreach (var claim in claims.Claims)
                {
                    await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_claims (week, recipient, amount_wei, proof) VALUES (@w, @r, @a, @p)",
                        t, cancellationToken, ("@w", result.Week), ("@r", claim.Recipient), ("@a", WeiFormat.Wei(claim.AmountWei)), ("@p", string.Join(",", claim.Proof)));
                }
                foreach (var row in result.Rows)
                {
                    await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_rows (week, " + RowColumns + ") VALUES (@w, @v, @c, @s, @m, @lp, @sp, @ap, @yp, @sw, @aw, @yw, @r)",
                        t, cancellationToken, ("@w", result.Week), ("@v", row.VehicleId), ("@c", row.Connected ? 1 : 0), ("@s", row.State.StreakWeeks),
                        ("@m", row.State.DisconnectionStreak), ("@lp", row.LevelPoints), ("@sp", row.StakePoints), ("@ap", row.AftermarketDevicePoints),
                        ("@yp", row.SyntheticDevicePoints), ("@sw", WeiFormat.Wei(row.Tokens.Streak)), ("@aw", WeiFormat.Wei(row.Tokens.AftermarketDevice)),
                        ("@yw", WeiFormat.Wei(row.Tokens.SyntheticDevice)), ("@r", row.Recipient));
                }
                foreach (var check in result.Checks)
                {
                    await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_checks (week, vehicle_id, reason, vin_used_by) VALUES (@w, @v, @r, @u)",
                        t, cancellationToken, ("@w", result.Week), ("@v", check.VehicleId), ("@r", check.Reason.WireName()), ("@u", check.VinUsedBy));
                }
                foreach (var vehicle in activity)
                {
                    foreach (var hash in vehicle.BatchHashes.Distinct())
                        await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_activity (week, vehicle_id, batch_hash) VALUES (@w, @v, @h)",
                            t, cancellationToken, ("@w", result.Week), ("@v", vehicle.VehicleId), ("@h", hash));
                }
                return true;
            }, cancellationToken);
        }
        catch (Exception e) when (_database.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<StoredWeek?> GetWeekAsync(long week, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c =>
        {
            var header = (await SqlCommands.QueryAsync(c, "SELECT contract_year, limit_wei, total_points, distributed_wei, computed_ms, merkle_root FROM reward_weeks WHERE week = @w",
                r => (Year: r.GetInt64(0), Limit: Wei(r.GetString(1)), Points: r.GetInt64(2), Distributed: Wei(r.GetString(3)), Computed: r.GetInt64(4), Root: SqlCommands.NullableString(r, 5)),
                cancellationToken, ("@w", week))).SingleOrDefault();
            if (header == default)
                return null;
            var checks = await SqlCommands.QueryAsync(c, "SELECT vehicle_id, reason, vin_used_by FROM reward_checks WHERE week = @w ORDER BY vehicle_id",
                r => new VehicleCheck(r.GetInt64(0), Reason(r.GetString(1)), SqlCommands.NullableInt64(r, 2)), cancellationToken, ("@w", week));
            var hashes = (await SqlCommands.QueryAsync(c, "SELECT vehicle_id, batch_hash FROM reward_activity WHERE week = @w ORDER BY vehicle_id, batch_hash",
                r => (Vehicle: r.GetInt64(0), Hash: r.GetString(1)), cancellationToken, ("@w", week)))
                .GroupBy(h => h.Vehicle).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(h => h.Hash).ToList());
            var claims = await SqlCommands.QueryAsync(c, "SELECT recipient, amount_wei, proof FROM reward_claims WHERE week = @w",
                r => new WeekClaim(r.GetString(0), Wei(r.GetString(1)), r.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries)), cancellationToken, ("@w", week));
            var late = await SqlCommands.QueryAsync(c, "SELECT vehicle_id, batch_hash, received_ms FROM reward_late_batches WHERE week = @w ORDER BY received_ms, batch_hash",
                r => new LateBatch(r.GetInt64(0), r.GetString(1), r.GetInt64(2)), cancellationToken, ("@w", week));
            var flags = await SqlCommands.QueryAsync(c, "SELECT vehicle_id, flag, detail FROM reward_flags WHERE week = @w ORDER BY vehicle_id, flag",
                r => new WeekFlag(r.GetInt64(0), r.GetString(1), r.GetString(2)), cancellationToken, ("@w", week));
            return new StoredWeek(week, header.Year, header.Limit, header.Points, header.Distributed, header.Computed,
                await RowsAsync(c, week, cancellationToken), checks, hashes,
                new WeekClaims(header.Root, claims.OrderBy(x => x.Recipient, StringComparer.OrdinalIgnoreCase).ToList()), late, flags);
        }, cancellationToken);

    /// <summary>Flags batches that arrived after <paramref name="week"/> was computed (already flagged ones are kept once).</summary>
    public Task FlagLateAsync(long week, IReadOnlyList<LateBatch> late, CancellationToken cancellationToken = default) =>
        _database.RunInTransactionAsync(async (c, t) =>
        {
            foreach (var batch in late)
                await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_late_batches (week, batch_hash, vehicle_id, received_ms) VALUES (@w, @h, @v, @r) ON CONFLICT (week, batch_hash) DO NOTHING",
                    t, cancellationToken, ("@w", week), ("@h", batch.BatchHash), ("@v", batch.VehicleId), ("@r", batch.ReceivedMs));
            return true;
        }, cancellationToken);

    /// <summary>The secret the weeks' VIN tag keys derive from (<see cref="VinTags"/>): made at random on first use, shared by every ingestor of the database, never served.</summary>
    public Task<byte[]> VinTagSecretAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync(async c =>
        {
            await SqlCommands.ExecuteAsync(c, "INSERT INTO reward_vin_key (id, secret) VALUES (1, @s) ON CONFLICT (id) DO NOTHING", null, cancellationToken,
                ("@s", Hex.Encode(RandomNumberGenerator.GetBytes(32))));
            return Hex.Decode((await SqlCommands.QueryAsync(c, "SELECT secret FROM reward_vin_key WHERE id = 1", r => r.GetString(0), cancellationToken)).Single());
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> while holding the database's lock on computing weeks (PostgreSQL: an advisory lock),
    /// so of several ingestors sharing the database one computes a week and the others wait and read it.
    /// </summary>
    public Task<T> RunExclusiveAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default) =>
        _database.RunExclusiveAsync(WeekLockKey, work, cancellationToken);

    /// <summary>The week's published inputs (<see cref="PublishedWeek"/>), or null when it is not computed.</summary>
    public async Task<PublishedWeek?> GetPublishedAsync(long week, CancellationToken cancellationToken = default)
    {
        if (await GetWeekAsync(week, cancellationToken) is not { } stored)
            return null;
        var (rulesJson, inputs) = await _database.RunAsync(async c =>
        {
            var rules = (await SqlCommands.QueryAsync(c, "SELECT rules FROM reward_weeks WHERE week = @w", r => SqlCommands.NullableString(r, 0), cancellationToken, ("@w", week))).Single();
            var rows = await SqlCommands.QueryAsync(c, "SELECT vehicle_id, owner, device, device_type, device_owner, beneficiary, stake_points, stake_end_ms, vin_tag FROM reward_inputs WHERE week = @w",
                r => new PublishedVehicle(r.GetInt64(0), true, SqlCommands.NullableString(r, 1), SqlCommands.NullableString(r, 2), SqlCommands.NullableString(r, 3),
                    SqlCommands.NullableString(r, 4), SqlCommands.NullableString(r, 5), SqlCommands.NullableInt64(r, 6),
                    SqlCommands.NullableInt64(r, 7) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null, SqlCommands.NullableString(r, 8), null, []),
                cancellationToken, ("@w", week));
            return (rules, rows);
        }, cancellationToken);
        var carried = await GetWeekAsync(week - 1, cancellationToken) is { } previous ? previous.Rows.ToDictionary(r => r.VehicleId, r => r.State) : [];
        var vehicles = inputs.Select(v => v with
        {
            CarriedIn = carried.TryGetValue(v.VehicleId, out var state) ? state : null,
            BatchHashes = stored.BatchHashes.TryGetValue(v.VehicleId, out var hashes) ? hashes : [],
        }).ToList();
        vehicles.AddRange(carried.Where(c => inputs.All(v => v.VehicleId != c.Key))
            .Select(c => new PublishedVehicle(c.Key, false, null, null, null, null, null, null, null, null, c.Value, [])));
        var rules = rulesJson == null ? WeeklyRulesUnknown : WeekRules.Parse(rulesJson);
        return new PublishedWeek(week, rules.FirstAutomatedWeek, rules.ConnectionPoints, stored.Claims.Root, WeiFormat.Wei(stored.DistributedWei),
            vehicles.OrderBy(v => v.VehicleId).ToList(),
            stored.Claims.Claims.Select(c => new PublishedClaim(c.Recipient, WeiFormat.Wei(c.AmountWei))).ToList());
    }

    private Task<IReadOnlyList<RewardRow>> RowsAsync(long week, CancellationToken cancellationToken) =>
        _database.RunAsync(c => RowsAsync(c, week, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<RewardRow>> RowsAsync(System.Data.Common.DbConnection c, long week, CancellationToken cancellationToken) =>
        await SqlCommands.QueryAsync(c, "SELECT " + RowColumns + " FROM reward_rows WHERE week = @w ORDER BY vehicle_id",
            r => new RewardRow(r.GetInt64(0), Convert.ToInt64(r.GetValue(1)) != 0, new StreakState(Convert.ToInt32(r.GetValue(2)), Convert.ToInt32(r.GetValue(3))),
                r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7),
                new TokenAmounts(Wei(r.GetString(8)), Wei(r.GetString(9)), Wei(r.GetString(10))), SqlCommands.NullableString(r, 11)),
            cancellationToken, ("@w", week));

    private static UInt128 Wei(string text) => UInt128.Parse(text, CultureInfo.InvariantCulture);

    private static Eligibility Reason(string wireName) =>
        Enum.GetValues<Eligibility>().Single(e => e.WireName() == wireName);
}
