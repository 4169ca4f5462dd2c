using Dimo.Core.Crypto;
using Dimo.Ingest.Storage.Sql;
using Dimo.Verification.Recovery;

namespace Dimo.Ingest.Operations;

/// <summary>
/// What <c>GET /readyz</c> checks: storage answers, the MQTT side listens, the signature verifier recovers a known
/// signature, and the host is not draining. Draining is set first on shutdown, so a load balancer stops sending
/// devices here before the listener closes.
/// </summary>
public sealed class IngestReadiness(SqlDatabase database, Func<bool> mqttListening, bool verifierLoaded)
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public bool VerifierLoaded => verifierLoaded;

    public bool MqttListening => mqttListening();

    /// <summary>Cheap, for metrics: everything but the storage round trip.</summary>
    public bool LooksReady => !_draining && verifierLoaded && mqttListening();

    public void BeginDraining() => _draining = true;

    /// <summary>True when storage answered a trivial query.</summary>
    public async Task<bool> StorageAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.RunAsync(connection => SqlCommands.QueryAsync(connection, "SELECT 1", r => 1, cancellationToken), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Signs a fixed hash with a fixed key and checks the verifier recovers that key's address.</summary>
    public static bool SelfTest(ISignatureRecovery recovery)
    {
        try
        {
            var key = PrivateKey.FromBytes(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes("dimo readiness self-test")));
            var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes("ready"));
            Span<byte> address = stackalloc byte[20];
            return recovery.TryRecoverAddress(hash, key.Sign(hash), address) && address.SequenceEqual(key.Address);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
