namespace GreatModel.Tests.Support;

/// <summary>The repository the tests run from (found above the test assembly's folder by GreatModel.sln), and its text files.</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root folder.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "GreatModel.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("GreatModel.sln not found above the test's folder");
        }
    }

    /// <summary>A file of the repository (a path relative to its root, '/'-separated) as text, line ends as '\n'.</summary>
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine([Root, .. relativePath.Split('/')])).ReplaceLineEndings("\n");
}
