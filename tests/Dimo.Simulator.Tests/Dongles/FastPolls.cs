using Dimo.Core.Obd;

namespace Dimo.Simulator.Tests.Dongles;

/// <summary>A poll template fast enough that every short batch interval of a test has readings.</summary>
public static class FastPolls
{
    public static PollTemplate Template()
    {
        var template = new PollTemplate();
        template.AddPid(0x0C, 100);
        template.AddPid(0x0D, 100);
        template.AddPid(0x2F, 500);
        template.Add(new PollItem(PollItemKind.Vin, 0, 0));
        return template;
    }
}
