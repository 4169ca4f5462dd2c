namespace Dimo.Ingest.Storage.Sql;

/// <summary>The schema's history. Append new steps; never edit one that has shipped.</summary>
public static class SchemaMigrations
{
    public static readonly IReadOnlyList<SchemaMigration> All =
    [
        new(1, "signed batches, latest values, sequence gaps", """
            CREATE TABLE batches (
                device {bytes} NOT NULL,
                boot BIGINT NOT NULL,
                seq BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                first_ms BIGINT NOT NULL,
                last_ms BIGINT NOT NULL,
                reading_count INTEGER NOT NULL,
                stale_count INTEGER NOT NULL,
                received_ms BIGINT NOT NULL,
                raw {bytes} NOT NULL,
                PRIMARY KEY (device, boot, seq)
            );
            CREATE INDEX batches_by_vehicle_time ON batches (vehicle_id, first_ms, last_ms);
            CREATE TABLE latest_values (
                vehicle_id BIGINT NOT NULL,
                signal_id INTEGER NOT NULL,
                time_ms BIGINT NOT NULL,
                raw_value BIGINT NOT NULL,
                text_value TEXT NULL,
                PRIMARY KEY (vehicle_id, signal_id)
            );
            CREATE TABLE sequence_gaps (
                device {bytes} NOT NULL,
                boot BIGINT NOT NULL,
                after_seq BIGINT NOT NULL,
                before_seq BIGINT NOT NULL,
                detected_ms BIGINT NOT NULL,
                PRIMARY KEY (device, boot, after_seq, before_seq)
            );
            """),
        new(2, "registry: manufacturers, devices, vehicles", """
            CREATE TABLE manufacturers (
                address {bytes} NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                created_ms BIGINT NOT NULL
            );
            CREATE TABLE devices (
                node {identity},
                address {bytes} NOT NULL UNIQUE,
                manufacturer {bytes} NOT NULL REFERENCES manufacturers (address),
                owner {bytes} NULL,
                vehicle_node BIGINT NULL UNIQUE,
                minted_ms BIGINT NOT NULL,
                revoked_ms BIGINT NULL
            );
            CREATE TABLE vehicles (
                node {identity},
                vin TEXT NOT NULL UNIQUE,
                owner {bytes} NOT NULL,
                created_ms BIGINT NOT NULL
            );
            """),
        new(3, "owners: consent grants (SACD) and vehicle transfer count", """
            ALTER TABLE vehicles ADD COLUMN transfers BIGINT NOT NULL DEFAULT 0;
            CREATE TABLE grants (
                vehicle_node BIGINT NOT NULL,
                nonce TEXT NOT NULL,
                grantee {bytes} NOT NULL,
                permissions BIGINT NOT NULL,
                expires_ms BIGINT NOT NULL,
                source TEXT NOT NULL,
                granted_by {bytes} NOT NULL,
                signature {bytes} NOT NULL,
                granted_ms BIGINT NOT NULL,
                ended_ms BIGINT NULL,
                ended_reason TEXT NULL,
                PRIMARY KEY (vehicle_node, nonce)
            );
            CREATE INDEX grants_by_grantee ON grants (grantee, vehicle_node);
            CREATE INDEX vehicles_by_owner ON vehicles (owner);
            """),
        new(4, "rewards facts: device type, beneficiary, stake; a VIN may be carried by several vehicles", """
            CREATE INDEX vehicles_by_vin ON vehicles (vin);
            CREATE INDEX batches_by_first_reading ON batches (first_ms);
            ALTER TABLE devices ADD COLUMN device_type TEXT NOT NULL DEFAULT 'dimo-esp32';
            ALTER TABLE devices ADD COLUMN beneficiary {bytes} NULL;
            ALTER TABLE vehicles ADD COLUMN stake_points BIGINT NULL;
            ALTER TABLE vehicles ADD COLUMN stake_end_ms BIGINT NULL;
            """,
            // Whoever registers a VIN first must not block its real owner: the week's VIN-once rule decides instead.
            new Dictionary<string, string>
            {
                ["postgres"] = "ALTER TABLE vehicles DROP CONSTRAINT vehicles_vin_key;",
                ["sqlite"] = """
                    CREATE TABLE vehicles_without_unique_vin (
                        node INTEGER PRIMARY KEY,
                        vin TEXT NOT NULL,
                        owner BLOB NOT NULL,
                        created_ms BIGINT NOT NULL,
                        transfers BIGINT NOT NULL DEFAULT 0
                    );
                    INSERT INTO vehicles_without_unique_vin (node, vin, owner, created_ms, transfers)
                        SELECT node, vin, owner, created_ms, transfers FROM vehicles;
                    DROP TABLE vehicles;
                    ALTER TABLE vehicles_without_unique_vin RENAME TO vehicles;
                    CREATE INDEX vehicles_by_owner ON vehicles (owner);
                    """,
            }),
        new(5, "rewards: computed weeks, their rows, checks, activity trail and Merkle claims", """
            CREATE TABLE reward_weeks (
                week BIGINT NOT NULL PRIMARY KEY,
                contract_year BIGINT NOT NULL,
                limit_wei TEXT NOT NULL,
                total_points BIGINT NOT NULL,
                distributed_wei TEXT NOT NULL,
                merkle_root TEXT NULL,
                computed_ms BIGINT NOT NULL
            );
            CREATE TABLE reward_claims (
                week BIGINT NOT NULL,
                recipient TEXT NOT NULL,
                amount_wei TEXT NOT NULL,
                proof TEXT NOT NULL,
                PRIMARY KEY (week, recipient)
            );
            CREATE TABLE reward_rows (
                week BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                connected INTEGER NOT NULL,
                streak_weeks INTEGER NOT NULL,
                disconnection_streak INTEGER NOT NULL,
                level_points BIGINT NOT NULL,
                stake_points BIGINT NOT NULL,
                aftermarket_points BIGINT NOT NULL,
                synthetic_points BIGINT NOT NULL,
                streak_wei TEXT NOT NULL,
                aftermarket_wei TEXT NOT NULL,
                synthetic_wei TEXT NOT NULL,
                recipient TEXT NULL,
                PRIMARY KEY (week, vehicle_id)
            );
            CREATE TABLE reward_checks (
                week BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                reason TEXT NOT NULL,
                vin_used_by BIGINT NULL,
                PRIMARY KEY (week, vehicle_id)
            );
            CREATE TABLE reward_activity (
                week BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                batch_hash TEXT NOT NULL,
                PRIMARY KEY (week, vehicle_id, batch_hash)
            );
            """),
        new(6, "rewards: the week's rules and published inputs (keyed VIN tags), its late batches and anomaly flags", """
            ALTER TABLE reward_weeks ADD COLUMN rules TEXT NULL;
            CREATE TABLE reward_inputs (
                week BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                owner TEXT NULL,
                device TEXT NULL,
                device_type TEXT NULL,
                device_owner TEXT NULL,
                beneficiary TEXT NULL,
                stake_points BIGINT NULL,
                stake_end_ms BIGINT NULL,
                vin_tag TEXT NULL,
                PRIMARY KEY (week, vehicle_id)
            );
            CREATE TABLE reward_vin_key (
                id INTEGER NOT NULL PRIMARY KEY,
                secret TEXT NOT NULL
            );
            CREATE TABLE reward_late_batches (
                week BIGINT NOT NULL,
                batch_hash TEXT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                received_ms BIGINT NOT NULL,
                PRIMARY KEY (week, batch_hash)
            );
            CREATE TABLE reward_flags (
                week BIGINT NOT NULL,
                vehicle_id BIGINT NOT NULL,
                flag TEXT NOT NULL,
                detail TEXT NOT NULL,
                PRIMARY KEY (week, vehicle_id, flag)
            );
            """),
        new(7, "vehicle configs: the poll template and optional signed decoder table each vehicle's dongle runs", """
            CREATE TABLE vehicle_configs (
                vehicle_node BIGINT NOT NULL PRIMARY KEY,
                version BIGINT NOT NULL,
                template TEXT NOT NULL,
                decoder_table {bytes} NULL,
                table_signature {bytes} NULL,
                updated_ms BIGINT NOT NULL
            );
            """),
        new(8, "device MQTT passwords (the fixed credential a broker checks too)", """
            CREATE TABLE device_passwords (
                address {bytes} NOT NULL PRIMARY KEY,
                generation INTEGER NOT NULL,
                password TEXT NOT NULL,
                registered_ms BIGINT NOT NULL
            );
            """),
    ];
}
