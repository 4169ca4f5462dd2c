namespace Dimo.Cli.Demo;

/// <summary>
/// The link that opens the operator dashboard logged in: the login page with the token in the fragment, which the
/// browser keeps to itself (never sent to the server, a proxy or in a Referer); the page exchanges it for a session cookie.
/// </summary>
public static class DashboardLogin
{
    public static string Url(Uri httpBase, string token) => new Uri(httpBase, "login") + "#token=" + Uri.EscapeDataString(token);
}
