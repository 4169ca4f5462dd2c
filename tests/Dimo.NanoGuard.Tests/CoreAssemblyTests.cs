using Dimo.Core.Signals;
using Dimo.NanoGuard.Tests.Guard;

namespace Dimo.NanoGuard.Tests;

public class CoreAssemblyTests
{
    [Fact]
    public void Compiled_core_uses_only_what_nanoFramework_1x_can_run()
    {
        var guard = new NanoSubsetGuard(NanoApiList.LoadDefault());

        var violations = guard.Check(typeof(SignalCatalog).Assembly.Location);

        Assert.True(violations.Count == 0,
            $"Dimo.Core uses {violations.Count} thing(s) the nanoFramework 1.x device does not have:\n"
            + string.Join("\n", violations.Select(v => "  " + v)));
    }
}
