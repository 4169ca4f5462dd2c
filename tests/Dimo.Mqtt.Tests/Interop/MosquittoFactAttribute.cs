namespace Dimo.Mqtt.Tests.Interop;

/// <summary>
/// A test that drives Debian's mosquitto_pub/mosquitto_sub against our server. Skipped when they are not
/// installed, except under CI=true, where their absence must fail the run rather than hide it.
/// </summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (!MosquittoClients.Installed && !MosquittoClients.RequiredByCi)
            Skip = "mosquitto-clients is not installed (apt-get install mosquitto-clients)";
    }
}
