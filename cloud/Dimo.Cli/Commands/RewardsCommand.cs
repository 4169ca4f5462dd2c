using System.CommandLine;
using Dimo.Rewards.WhatIf;

namespace Dimo.Cli.Commands;

/// <summary>
/// <c>dimo rewards what-if SCENARIO.json [--week N] [--trace]</c>: replays a fleet's history through the weekly
/// rewards engine and prints the reported week's result JSON (format: <c>../shared/rewards/README.md</c>).
/// Exit 1 with one line naming the field when the scenario breaks the format; 2 on usage errors.
/// </summary>
public static class RewardsCommand
{
    public static Command Create()
    {
        var command = new Command("rewards", "Weekly baseline rewards (DIMO's rules)");
        command.Subcommands.Add(CreateWhatIf());
        command.Subcommands.Add(RewardsRunCommand.Create());
        command.Subcommands.Add(RewardsShowCommand.Create());
        command.Subcommands.Add(RewardsVerifyCommand.Create());
        return command;
    }

    private static Command CreateWhatIf()
    {
        var scenarioArgument = new Argument<FileInfo>("SCENARIO.json") { Description = "the fleet's history and the rules (format: shared/rewards/README.md)" };
        var weekOption = new Option<long?>("--week")
        {
            Description = "issuance week to report (overrides the scenario's week)",
            CustomParser = result =>
            {
                if (long.TryParse(result.Tokens[0].Value, out long week) && week >= 0)
                    return week;
                result.AddError($"--week must be an integer >= 0, not '{result.Tokens[0].Value}'");
                return null;
            },
        };
        var traceOption = new Option<bool>("--trace") { Description = "add each vehicle's week-by-week history" };
        var command = new Command("what-if", "Replay a scenario week by week and print the reported week's rewards as JSON")
        {
            scenarioArgument, weekOption, traceOption,
        };
        command.SetAction(parsed => RunWhatIf(parsed.GetValue(scenarioArgument)!, parsed.GetValue(weekOption),
            parsed.GetValue(traceOption), parsed.InvocationConfiguration.Output));
        return command;
    }

    public static int RunWhatIf(FileInfo scenarioFile, long? week, bool trace, TextWriter output)
    {
        string json;
        try
        {
            json = File.ReadAllText(scenarioFile.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read {scenarioFile.FullName}: {e.Message}");
        }
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Parse(json, week);
        }
        catch (ScenarioException e)
        {
            throw new CliException($"{scenarioFile.Name}: {e.Message}");
        }
        output.WriteLine(WhatIfResultWriter.ToJson(WhatIfReplay.Run(scenario, trace)));
        output.Flush();
        return CliRunner.Success;
    }
}
