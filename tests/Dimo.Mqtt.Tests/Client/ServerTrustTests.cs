using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dimo.Mqtt.Client;
using Dimo.Mqtt.Server;
using Dimo.Testing;

namespace Dimo.Mqtt.Tests.Client;

/// <summary>
/// <see cref="MqttClientOptions.TrustedCertificateAuthorities"/>: a CA file is the client's only trust. A server
/// certificate signed by that CA, and named as dialled, is accepted; one from another CA, or for another name, is not.
/// </summary>
public class ServerTrustTests
{
    [Fact]
    public async Task A_server_certificate_signed_by_the_trusted_ca_is_accepted()
    {
        using var ca = CreateAuthority("CN=Dimo test CA");
        await using var host = await StartTlsServerAsync(IssueServerCertificate(ca));

        await using var client = new MqttClient(ClientOptions("mqtts://127.0.0.1:" + host.TlsPort, ca));
        await client.ConnectAsync();

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused()
    {
        using var ca = CreateAuthority("CN=Dimo test CA");
        using var other = CreateAuthority("CN=Someone else's CA");
        await using var host = await StartTlsServerAsync(IssueServerCertificate(other));

        await using var client = new MqttClient(ClientOptions("mqtts://127.0.0.1:" + host.TlsPort, ca));

        await Assert.ThrowsAsync<AuthenticationException>(() => client.ConnectAsync());
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_ca_for_another_name_is_refused()
    {
        using var ca = CreateAuthority("CN=Dimo test CA");
        await using var host = await StartTlsServerAsync(IssueServerCertificate(ca));

        // The certificate names 127.0.0.1 only: dialled as localhost, it names some other server.
        await using var client = new MqttClient(ClientOptions("mqtts://localhost:" + host.TlsPort, ca));

        await Assert.ThrowsAsync<AuthenticationException>(() => client.ConnectAsync());
    }

    private static MqttClientOptions ClientOptions(string server, X509Certificate2 ca) => new()
    {
        Server = new Uri(server),
        Reconnect = MqttReconnectPolicy.Never,
        TrustedCertificateAuthorities = [X509CertificateLoader.LoadCertificate(ca.RawData)],
    };

    private sealed class TlsServer(MqttServerHost host, int tlsPort) : IAsyncDisposable
    {
        public int TlsPort => tlsPort;

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }

    private static async Task<TlsServer> StartTlsServerAsync(X509Certificate2 certificate)
    {
        int tls = FreeTcpPort.Next();
        var host = await MqttServerHost.StartAsync(new MqttServer(new MqttServerOptions { AllowAnonymous = true }), new MqttListenerOptions
        {
            Address = IPAddress.Loopback,
            TcpPort = null,
            TlsPort = tls,
            Certificate = certificate,
        });
        return new TlsServer(host, tls);
    }

    private static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 IssueServerCertificate(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(ca, now.AddMinutes(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
