namespace Onprest.Fuzz.Running;

/// <summary>Finds files of the repository (the example capability files are the fuzzers' seeds).</summary>
public static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Onprest.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("the repository root (Onprest.sln) was not found above " + AppContext.BaseDirectory);
    }

    public static string[] ExampleCapabilityFiles() =>
        Directory.GetFiles(Path.Combine(Root(), "examples"), "capability.*.yaml").Order(StringComparer.Ordinal).ToArray();
}
