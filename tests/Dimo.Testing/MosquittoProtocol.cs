namespace Dimo.Testing;

/// <summary>The MQTT versions the Mosquitto command-line clients are asked to speak.</summary>
public enum MosquittoProtocol
{
    V311,
    V5,
}
