using Xunit;

namespace Dimo.Testing;

/// <summary>A theory that needs the real Mosquitto binaries: skipped with a reason when they are absent outside CI.</summary>
public sealed class MosquittoTheoryAttribute : TheoryAttribute
{
    public MosquittoTheoryAttribute()
    {
        if (MosquittoBinaries.SkipReason is { } reason)
            Skip = reason;
    }
}
