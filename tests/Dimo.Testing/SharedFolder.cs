namespace Dimo.Testing;

/// <summary>
/// Locates the team's reference folder, <c>../shared</c> beside the repository. It holds data we may not
/// commit (the GPL-3.0 CAN recordings) and data we copy with attribution (OpenDBC files).
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The folder, or null when this checkout has none beside it.</summary>
    public static string? PathOrNull => Root.Value;

    public static string Path => Root.Value
        ?? throw new DirectoryNotFoundException("../shared (the team's reference folder) is not beside the repository");

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// Why a test that reads the folder is skipped here, or null when it must run: it always runs under CI
    /// (<c>CI=true</c>), where a missing folder fails it through <see cref="Path"/> instead of passing unchecked.
    /// </summary>
    public static string? SkipReason => SkipReasonFor(PathOrNull != null, MosquittoBinaries.RunningUnderCi);

    /// <summary>The rule behind <see cref="SkipReason"/>: skip only when the folder is absent and CI is not running.</summary>
    public static string? SkipReasonFor(bool present, bool underCi) =>
        present || underCi ? null : "../shared (the team's reference folder with the CAN recordings) is not beside the repository";

    private static string? Find()
    {
        var repo = RepositoryRoot.Path;
        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(repo, "..", "shared"));
        return Directory.Exists(System.IO.Path.Combine(candidate, "nanoframework")) ? candidate : null;
    }
}
