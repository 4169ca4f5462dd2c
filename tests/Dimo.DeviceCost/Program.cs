using Dimo.DeviceCost;
using Dimo.DeviceCost.Instrumentation;

// dotnet run -c Release --project tests/Dimo.DeviceCost -- [heap|sign|all]
string what = args.Length > 0 ? args[0] : "all";
if (what is not ("heap" or "sign" or "all"))
{
    Console.Error.WriteLine("usage: Dimo.DeviceCost [heap|sign|all]  (heap: boot + one seal on nanoCLR's heap model; sign: one signature's interpreted work)");
    return 2;
}
if (what is "heap" or "all") CostReport.WriteHeap(Console.Out, DeviceCostRuns.BootAndSeal());
if (what is "sign" or "all") CostReport.WriteSign(Console.Out, DeviceCostRuns.Sign());
return 0;
