using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dimo.Testing;

/// <summary>
/// A self-signed certificate for 127.0.0.1, written as PEM files the broker loads. Clients trust exactly this
/// certificate (<see cref="Certificate"/> or <see cref="CertificateFile"/> as the CA file).
/// </summary>
public sealed class MosquittoTlsFiles
{
    private MosquittoTlsFiles(X509Certificate2 certificate, string certificateFile, string keyFile)
    {
        Certificate = certificate;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
    }

    public X509Certificate2 Certificate { get; }
    public string CertificateFile { get; }
    public string KeyFile { get; }

    public static MosquittoTlsFiles Create(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        // A self-signed certificate that clients load as their trust anchor; OpenSSL wants it marked as a CA.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var now = DateTimeOffset.UtcNow;
        using var withKey = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var certificateFile = Path.Combine(directory, "server.crt");
        var keyFile = Path.Combine(directory, "server.key");
        File.WriteAllText(certificateFile, withKey.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return new MosquittoTlsFiles(publicOnly, certificateFile, keyFile);
    }
}
