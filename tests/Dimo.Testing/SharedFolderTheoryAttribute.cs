using Xunit;

namespace Dimo.Testing;

/// <summary>A theory that reads <c>../shared</c>: skipped with a reason when it is absent outside CI, run (and failing) under CI.</summary>
public sealed class SharedFolderTheoryAttribute : TheoryAttribute
{
    public SharedFolderTheoryAttribute()
    {
        if (SharedFolder.SkipReason is { } reason)
            Skip = reason;
    }
}
