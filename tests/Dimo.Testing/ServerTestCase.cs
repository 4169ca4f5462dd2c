using Xunit.Abstractions;
using Xunit.Sdk;

namespace Dimo.Testing;

/// <summary>A test case whose skip reason comes from the servers and tools its class requires.</summary>
public sealed class ServerTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ServerTestCase()
    {
    }

    public ServerTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var testClass = TestMethod.TestClass.Class;
        bool Needs(Type requirement) => testClass.GetCustomAttributes(requirement).Any();
        return (Needs(typeof(RequiresPostgresAttribute)) ? PostgresServer.SkipReason : null)
            ?? (Needs(typeof(RequiresMosquittoAttribute)) ? MosquittoBinaries.SkipReason : null)
            ?? (Needs(typeof(RequiresEthersAttribute)) ? EthersInterop.SkipReason : null)
            ?? base.GetSkipReason(factAttribute);
    }
}
