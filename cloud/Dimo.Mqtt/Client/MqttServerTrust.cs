using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Dimo.Mqtt.Client;

/// <summary>
/// How a client decides to trust a TLS server: by the system's store (the default), by one exact certificate, or by a
/// CA file's certificates alone. The CA check builds the chain with a custom root trust, so the system's roots play no
/// part: a server is trusted only when its chain ends at a certificate from the file and it is named as we dialled it.
/// </summary>
internal static class MqttServerTrust
{
    public static RemoteCertificateValidationCallback? For(MqttClientOptions options)
    {
        if (options.TrustedServerCertificate is { } trusted)
            return (_, certificate, _, _) => certificate != null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData);
        if (options.TrustedCertificateAuthorities is { } authorities)
            return (_, certificate, presented, errors) => certificate != null && ChainsTo(certificate, presented, authorities, errors);
        return null;
    }

    private static bool ChainsTo(X509Certificate certificate, X509Chain? presented, X509Certificate2Collection authorities, SslPolicyErrors errors)
    {
        // The host name check is SslStream's own; only the chain is ours to judge.
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Intermediates the server sent may complete the chain; they are never trusted as roots.
        if (presented != null)
        {
            foreach (var element in presented.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }
}
