using Dimo.Testing;

namespace Dimo.Dbc.Tests;

/// <summary>The opendbc DBC files committed beside the compiler (cloud/Dimo.Dbc/opendbc), by name.</summary>
public static class OpenDbcFiles
{
    public static string Folder => RepositoryRoot.File("cloud", "Dimo.Dbc", "opendbc");

    public static string Path(string name) => System.IO.Path.Combine(Folder, name);

    public static IEnumerable<string> Names =>
        Directory.GetFiles(Folder, "*.dbc").Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
            data.Add(name);
        return data;
    }
}
