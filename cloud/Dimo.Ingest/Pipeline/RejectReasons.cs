namespace Dimo.Ingest.Pipeline;

/// <summary>The stable camelCase names of reject reasons, as they appear in stats, logs and the API.</summary>
public static class RejectReasons
{
    public static readonly IReadOnlyList<RejectReason> All = Enum.GetValues<RejectReason>();

    public static string Name(RejectReason reason)
    {
        var name = reason.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
