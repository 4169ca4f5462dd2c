namespace Dimo.Testing;

/// <summary>
/// Where Debian puts the Mosquitto broker and its command-line clients. Tests that need them skip on a developer
/// machine without them, but fail under CI (<c>CI=true</c>), where their absence means the setup is broken.
/// </summary>
public static class MosquittoBinaries
{
    public const string Broker = "/usr/sbin/mosquitto";
    public const string Publisher = "/usr/bin/mosquitto_pub";
    public const string Subscriber = "/usr/bin/mosquitto_sub";

    /// <summary>Initialises the dynamic security plugin's file (package mosquitto).</summary>
    public const string Control = "/usr/bin/mosquitto_ctrl";

    /// <summary>The dynamic security plugin Debian's mosquitto 2.0.11 ships (<c>dpkg -L mosquitto</c>).</summary>
    public const string DynamicSecurityPlugin = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

    public static bool Installed => File.Exists(Broker) && File.Exists(Publisher) && File.Exists(Subscriber);

    public static bool RunningUnderCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a Mosquitto test is skipped here, or null when it must run.</summary>
    public static string? SkipReason =>
        Installed || RunningUnderCi
            ? null
            : "Mosquitto is not installed (" + Broker + ", " + Publisher + ", " + Subscriber
              + "); install the Debian packages mosquitto and mosquitto-clients to run this test";

    /// <summary>Throws when a binary is missing; under CI this is how a missing install fails the run.</summary>
    public static void Require()
    {
        foreach (var path in new[] { Broker, Publisher, Subscriber })
        {
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    "Mosquitto binary missing: " + path + " (apt-get install mosquitto mosquitto-clients)", path);
        }
    }
}
