using System.Text;
using Dimo.Core.Crypto;
using Dimo.Verification.Recovery;

namespace Dimo.Ingest.Registry.Passwords;

/// <summary>
/// Registers and checks fixed device passwords (cloud/docs/device-credential.md). A password proves itself: it is the
/// device's signature over <see cref="DevicePassword.Message"/>, so whoever presents it (the factory at mint time,
/// or the device at its first login) registers it without any other signature. Generations only rise, so a
/// rotated-away password can never be registered again. Each newly registered password is handed to the
/// <see cref="IDeviceAccessListener"/> (the broker's provisioner), which is why the text itself is stored.
/// </summary>
public sealed class DevicePasswords(IDevicePasswordStore store, IDeviceDirectory devices, ISignatureRecovery recovery, TimeProvider clock,
    IDeviceAccessListener? listener = null)
{
    public IDevicePasswordStore Store => store;

    /// <summary>
    /// Checks <paramref name="passwordText"/> for the device at <paramref name="address"/>; when it is genuine and at
    /// least as new as the registered one, registers it (a newer generation replaces the older) and accepts.
    /// </summary>
    public async Task<DevicePasswordCheck> RegisterAsync(byte[] address, string? passwordText, CancellationToken cancellationToken = default)
    {
        if (!DevicePasswordText.TryParse(passwordText, out var password, out var problem))
            return new(DevicePasswordVerdict.Malformed, problem);
        var message = DevicePassword.Message(address, password!.Generation);
        var hash = Eip191.Hash(Encoding.ASCII.GetBytes(message), 0, message.Length);
        var signer = new byte[EthAddress.Length];
        if (!recovery.TryRecoverAddress(hash, password.Signature, signer) || !signer.AsSpan().SequenceEqual(address))
            return new(DevicePasswordVerdict.Forged, "the password was not signed by " + EthAddress.ToLowerString(address));
        var device = await devices.FindDeviceByAddressAsync(address, cancellationToken);
        if (device is not { IsRevoked: false })
            return new(DevicePasswordVerdict.UnknownDevice, EthAddress.ToLowerString(address) + " is not a minted, unrevoked device");

        var registered = await store.FindAsync(address, cancellationToken);
        if (registered != null && registered.Generation > password.Generation)
            return Superseded(password.Generation, registered);
        if (registered != null && registered.Generation == password.Generation)
            return new(DevicePasswordVerdict.Accepted, "registered generation " + registered.Generation, registered);

        var stored = await store.StoreAsync(new DevicePasswordRecord(address, password.Generation, passwordText!, clock.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
        if (stored.Generation != password.Generation)
            return Superseded(password.Generation, stored);
        if (listener != null)
            await listener.PasswordRegisteredAsync(stored, cancellationToken);
        return new(DevicePasswordVerdict.Accepted, "registered generation " + stored.Generation, stored);
    }

    private static DevicePasswordCheck Superseded(int generation, DevicePasswordRecord registered) =>
        new(DevicePasswordVerdict.Superseded, "password generation " + generation + " was replaced by generation " + registered.Generation);
}
