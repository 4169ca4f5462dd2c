using Xunit;

namespace Dimo.Testing;

/// <summary>A fact that needs the real Mosquitto binaries: skipped with a reason when they are absent outside CI.</summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (MosquittoBinaries.SkipReason is { } reason)
            Skip = reason;
    }
}
