using System.CommandLine;
using System.Globalization;
using Dimo.Ingest.Rewards;
using Dimo.Rewards.Rules;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>--points TYPE=N</c>, repeatable: the reward points of a device type (DIMO's connection check: a type without
/// points earns nothing). Given types replace the default, <c>dimo-esp32=6000</c>, only for the type they name.
/// </summary>
public static class RewardPointsOption
{
    public static Option<RewardRules> Create() => new("--points")
    {
        Description = "points per device type, e.g. --points dimo-esp32=6000 --points autopi=6000 (default dimo-esp32=6000)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => WeeklyRewardsJob.DefaultRules,
        CustomParser = result =>
        {
            var points = new Dictionary<string, long>(WeeklyRewardsJob.DefaultRules.ConnectionPoints, StringComparer.Ordinal);
            foreach (var token in result.Tokens)
            {
                var parts = token.Value.Split('=', 2);
                if (parts.Length != 2 || parts[0].Trim().Length == 0
                    || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    result.AddError($"--points takes TYPE=N with N a whole number >= 0, not '{token.Value}'");
                    return null!;
                }
                points[parts[0].Trim()] = value;
            }
            return new RewardRules(points);
        },
    };
}
