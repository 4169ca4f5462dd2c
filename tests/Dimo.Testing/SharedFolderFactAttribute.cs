using Xunit;

namespace Dimo.Testing;

/// <summary>A fact that reads <c>../shared</c>: skipped with a reason when it is absent outside CI, run (and failing) under CI.</summary>
public sealed class SharedFolderFactAttribute : FactAttribute
{
    public SharedFolderFactAttribute()
    {
        if (SharedFolder.SkipReason is { } reason)
            Skip = reason;
    }
}
