using System.Data.Common;

namespace Dimo.Ingest.Storage.Sql;

/// <summary>
/// <see cref="IBatchStore"/> in SQL that SQLite and PostgreSQL both run unchanged; the engine differences
/// live in <see cref="SqlDatabase"/>. Writes go through a <see cref="GroupCommitQueue{TWrite,TResult}"/>.
/// </summary>
public sealed class SqlBatchStore : IBatchStore
{
    private const string BatchColumns = "device, vehicle_id, boot, seq, first_ms, last_ms, reading_count, stale_count, received_ms, raw";

    private static readonly string[] InsertBatchParameters = ["@device", "@vehicle", "@boot", "@seq", "@first", "@last", "@count", "@stale", "@received", "@raw"];

    private static readonly string InsertBatch = "INSERT INTO batches (" + BatchColumns + ") VALUES (" + string.Join(", ", InsertBatchParameters)
        + ") ON CONFLICT (device, boot, seq) DO NOTHING";

    private const string SelectStoredRaw = "SELECT raw FROM batches WHERE device = @device AND boot = @boot AND seq = @seq";

    private const string InsertGap = "INSERT INTO sequence_gaps (device, boot, after_seq, before_seq, detected_ms) VALUES (@device, @boot, @after, @before, @detected) ON CONFLICT DO NOTHING";

    private readonly SqlDatabase _database;
    private readonly GroupCommitQueue<BatchRecord, StoreOutcome> _writes;

    // Only the write queue's single writer commits, so one collector serves every group.
    private readonly LatestValueGroup _latest = new();

    private SqlBatchStore(SqlDatabase database)
    {
        _database = database;
        _writes = new GroupCommitQueue<BatchRecord, StoreOutcome>(CommitGroupAsync);
    }

    /// <summary>Migrates the schema and returns a store that owns <paramref name="database"/>.</summary>
    public static async Task<SqlBatchStore> OpenAsync(SqlDatabase database, CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(database, SchemaMigrations.All, cancellationToken);
        return new SqlBatchStore(database);
    }

    public SqlDatabase Database => _database;

    /// <summary>Transactions committed by the write queue so far.</summary>
    public long GroupsCommitted => _writes.GroupsCommitted;

    /// <summary>Batches waiting for the next group commit.</summary>
    public int CommitQueueDepth => _writes.Depth;

    public Task<StoreOutcome> StoreAsync(BatchRecord batch, CancellationToken cancellationToken = default) =>
        _writes.EnqueueAsync(batch, cancellationToken);

    private Task<IReadOnlyList<StoreOutcome>> CommitGroupAsync(IReadOnlyList<BatchRecord> group) =>
        _database.RunInTransactionAsync<IReadOnlyList<StoreOutcome>>(async (connection, transaction) =>
        {
            var outcomes = new StoreOutcome[group.Count];
            // Coalesced per group: only the newest value per (vehicle, signal) is written.
            var latest = _latest;
            latest.Clear();
            await using var insert = SqlCommands.CreateReusable(connection, InsertBatch, transaction, InsertBatchParameters);
            DbCommand? insertGap = null;
            try
            {
                for (var i = 0; i < group.Count; i++)
                {
                    var record = group[i];
                    var batch = record.Batch;
                    SetBatchParameters(insert, batch);
                    if (await insert.ExecuteNonQueryAsync() == 1)
                    {
                        outcomes[i] = StoreOutcome.Stored;
                        if (record.Gap is { } gap)
                        {
                            insertGap ??= SqlCommands.Create(connection, InsertGap, transaction);
                            SetGapParameters(insertGap, batch.Device, gap);
                            await insertGap.ExecuteNonQueryAsync();
                        }
                        foreach (var value in record.Latest)
                            latest.Add(batch.VehicleId, value);
                    }
                    else
                    {
                        await using var select = SqlCommands.Create(connection, SelectStoredRaw, transaction, ("@device", batch.Device), ("@boot", batch.Boot), ("@seq", batch.Sequence));
                        var stored = (byte[]?)await select.ExecuteScalarAsync();
                        outcomes[i] = stored != null && stored.AsSpan().SequenceEqual(batch.Raw) ? StoreOutcome.Duplicate : StoreOutcome.Conflict;
                    }
                }
            }
            finally
            {
                if (insertGap != null)
                    await insertGap.DisposeAsync();
            }

            await _database.UpsertLatestValuesAsync(connection, transaction, latest.Coalesce());
            return outcomes;
        }, CancellationToken.None);

    private static void SetGapParameters(DbCommand command, byte[] device, SequenceGap gap)
    {
        SqlCommands.Set(command, "@device", device);
        SqlCommands.Set(command, "@boot", gap.Boot);
        SqlCommands.Set(command, "@after", gap.AfterSequence);
        SqlCommands.Set(command, "@before", gap.BeforeSequence);
        SqlCommands.Set(command, "@detected", gap.DetectedMs);
    }

    /// <summary>In the order of <see cref="InsertBatchParameters"/>.</summary>
    private static void SetBatchParameters(DbCommand command, StoredBatch batch)
    {
        var parameters = command.Parameters;
        parameters[0].Value = batch.Device;
        parameters[1].Value = batch.VehicleId;
        parameters[2].Value = batch.Boot;
        parameters[3].Value = batch.Sequence;
        parameters[4].Value = batch.FirstReadingMs;
        parameters[5].Value = batch.LastReadingMs;
        parameters[6].Value = batch.ReadingCount;
        parameters[7].Value = batch.StaleReadingCount;
        parameters[8].Value = batch.ReceivedMs;
        parameters[9].Value = batch.Raw;
    }

    public Task<long?> GetLastSequenceAsync(byte[] device, long boot, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
        {
            await using var command = SqlCommands.Create(connection, "SELECT MAX(seq) FROM batches WHERE device = @device AND boot = @boot", null, ("@device", device), ("@boot", boot));
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is null or DBNull ? (long?)null : Convert.ToInt64(value);
        }, cancellationToken);

    public Task<StoredBatch?> GetBatchAsync(byte[] device, long boot, long sequence, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
            (await SqlCommands.QueryAsync(connection, "SELECT " + BatchColumns + " FROM batches WHERE device = @device AND boot = @boot AND seq = @seq",
                ReadBatch, cancellationToken, ("@device", device), ("@boot", boot), ("@seq", sequence))).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<StoredBatch>> GetBatchesAsync(long vehicleId, long fromMs, long toMs, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<StoredBatch>>(async connection =>
            await SqlCommands.QueryAsync(connection,
                "SELECT " + BatchColumns + " FROM batches WHERE vehicle_id = @vehicle AND first_ms <= @to AND last_ms >= @from ORDER BY first_ms, device, boot, seq",
                ReadBatch, cancellationToken, ("@vehicle", vehicleId), ("@from", fromMs), ("@to", toMs)), cancellationToken);

    public Task VisitBatchesReadBetweenAsync(long fromMs, long toMs, Action<StoredBatch> visit, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
        {
            // The first_ms index bounds the scan from above only (a batch may hold old spooled readings), so older batches are
            // read and dropped by last_ms: fine for a weekly job; partitioning batches by week would bound it from below too.
            await using var command = SqlCommands.Create(connection,
                "SELECT " + BatchColumns + " FROM batches WHERE first_ms < @to AND last_ms >= @from ORDER BY vehicle_id, device, boot, seq",
                null, ("@from", fromMs), ("@to", toMs));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                visit(ReadBatch(reader));
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<SignalValue>> GetLatestValuesAsync(long vehicleId, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<SignalValue>>(async connection =>
            await SqlCommands.QueryAsync(connection, "SELECT signal_id, time_ms, raw_value, text_value FROM latest_values WHERE vehicle_id = @vehicle ORDER BY signal_id",
                r => new SignalValue(Convert.ToInt32(r.GetValue(0)), r.GetInt64(1), r.GetInt64(2), SqlCommands.NullableString(r, 3)),
                cancellationToken, ("@vehicle", vehicleId)), cancellationToken);

    public Task<IReadOnlyList<SequenceGap>> GetGapsAsync(byte[] device, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<SequenceGap>>(async connection =>
            await SqlCommands.QueryAsync(connection, "SELECT boot, after_seq, before_seq, detected_ms FROM sequence_gaps WHERE device = @device ORDER BY boot, after_seq",
                r => new SequenceGap(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken, ("@device", device)), cancellationToken);

    public Task<StoreCounts> GetCountsAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync(async connection =>
            (await SqlCommands.QueryAsync(connection, "SELECT COUNT(*), COALESCE(SUM(reading_count), 0) FROM batches",
                r => new StoreCounts(Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1))), cancellationToken)).Single(), cancellationToken);

    private static StoredBatch ReadBatch(DbDataReader r) => new(
        (byte[])r.GetValue(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
        Convert.ToInt32(r.GetValue(6)), Convert.ToInt32(r.GetValue(7)), r.GetInt64(8), (byte[])r.GetValue(9));

    public async ValueTask DisposeAsync()
    {
        await _writes.DisposeAsync();
        await _database.DisposeAsync();
    }
}
