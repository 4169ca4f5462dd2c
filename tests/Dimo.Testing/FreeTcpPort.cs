using System.Net;
using System.Net.Sockets;

namespace Dimo.Testing;

/// <summary>Asks the kernel for a port that is free on 127.0.0.1 right now.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
