using Dimo.Testing;

namespace Dimo.Verification.Tests.TypedData;

[RequiresEthers]
public sealed class EthersScriptLiveTests
{
    [ServerFact]
    public void Freshly_generated_ethers_vectors_match_our_hasher_and_the_committed_copy()
    {
        var output = EthersInterop.RunScript("eip712-vectors.mjs", TimeSpan.FromSeconds(30));

        var live = TypedDataVector.Parse(output);
        Assert.NotEmpty(live);
        foreach (var vector in live)
            TypedDataEthersTests.AssertMatches(vector);
        var committed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TypedData", "eip712-vectors.json"));
        Assert.Equal(committed.Trim(), output.Trim());
    }
}
