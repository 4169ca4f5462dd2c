using System.Text.RegularExpressions;

namespace Dimo.Cli;

/// <summary>
/// Turns Kestrel's bind failure ("Failed to bind to address http://127.0.0.1:1883: address already in use.", which
/// calls every listener http:// even when it speaks MQTT) into a line naming the address, the option that set the
/// port, and what to do.
/// </summary>
public static partial class ListenFailure
{
    /// <param name="ports">Each port the command listens on, with the option that chose it.</param>
    public static CliException Describe(IOException e, string address, params (int Port, string Option)[] ports)
    {
        var match = BoundAddress().Match(e.Message);
        int? port = match.Success ? int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var option = ports.FirstOrDefault(p => p.Port == port).Option;
        var reason = (e.InnerException ?? e).Message.TrimEnd('.').ToLowerInvariant();
        var where = port is { } p ? $"{address}:{p}" : address;
        return new CliException($"cannot listen on {where}{(option != null ? " (" + option + ")" : "")}: {reason}; "
                                + "stop what uses that port or give another port (0 picks a free one)");
    }

    [GeneratedRegex(@"://[^\s]*:(?<port>\d+)")]
    private static partial Regex BoundAddress();
}
