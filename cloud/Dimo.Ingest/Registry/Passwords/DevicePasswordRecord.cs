namespace Dimo.Ingest.Registry.Passwords;

/// <summary>
/// A device's registered fixed MQTT password (<see cref="Dimo.Core.Crypto.DevicePassword"/>): the text itself, because
/// a broker must be given it to check it, and its generation, which only ever rises.
/// </summary>
public sealed record DevicePasswordRecord(byte[] Address, int Generation, string Password, long RegisteredMs);
