namespace Dimo.Testing;

/// <summary>The repository's root: the nearest ancestor of the test binaries that holds Dimo.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Dimo.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Dimo.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
