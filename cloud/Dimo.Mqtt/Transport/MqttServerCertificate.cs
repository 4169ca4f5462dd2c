using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dimo.Mqtt.Transport;

/// <summary>The TLS listener's certificate: loaded from PFX or PEM, or a self-signed one for development.</summary>
public static class MqttServerCertificate
{
    /// <summary>
    /// Loads a certificate with its private key: a PFX/P12 file (with <paramref name="password"/>), or a PEM
    /// certificate with the key in <paramref name="keyPath"/> (or in the same file).
    /// </summary>
    public static X509Certificate2 Load(string certificatePath, string? keyPath = null, string? password = null)
    {
        var extension = Path.GetExtension(certificatePath).ToLowerInvariant();
        if (extension is ".pfx" or ".p12")
            return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath ?? certificatePath);
        // Re-import so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A self-signed certificate for localhost and 127.0.0.1, valid for a year. Development only.</summary>
    public static X509Certificate2 CreateSelfSigned(string dnsName = "localhost")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Writes the certificate (no key) as PEM, for clients to trust, e.g. <c>mosquitto_sub --cafile</c>.</summary>
    public static void ExportPublicPem(X509Certificate2 certificate, string path) =>
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
}
