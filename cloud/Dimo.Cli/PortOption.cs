using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Dimo.Cli;

/// <summary>
/// A TCP port option: a number outside 0-65535 is a usage error (exit 2) naming the option, caught while parsing
/// instead of surfacing as an out-of-range exception from the socket layer.
/// </summary>
public static class PortOption
{
    public static Option<int> Create(string name, string description, int defaultPort)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultPort };
        option.Validators.Add(result => Validate(name, result));
        return option;
    }

    /// <summary>The same check for an optional port (no default).</summary>
    public static Option<int?> CreateOptional(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result => Validate(name, result));
        return option;
    }

    // Reads the token itself: text that is no number at all is already reported by the parser.
    private static void Validate(string name, OptionResult result)
    {
        if (result.Tokens.Count == 1
            && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port)
            && port is < 0 or > 65535)
            result.AddError($"{name} {port} is not a TCP port: give 1-65535, or 0 for a free one");
    }
}
