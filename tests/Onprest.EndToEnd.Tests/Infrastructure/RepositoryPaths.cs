namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>Locates the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Onprest.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Onprest.sln not found above the test output folder");
    }
}
