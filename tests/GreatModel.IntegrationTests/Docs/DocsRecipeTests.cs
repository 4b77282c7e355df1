using System.Diagnostics;
using System.Text.RegularExpressions;
using GreatModel.Tests.Cli;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Docs;

/// <summary>
/// The R and Python recipes of docs/FILES.md ("Reading the draws in R and Python") run as written, each block in a folder
/// holding the files they name: draws.csv (a fit), groups.csv and groups.zarr (a grouped fit of examples/sensors.csv).
/// R blocks run where Rscript with posterior is present, Python blocks where Debian's python3 with pandas and xarray is;
/// each skips visibly elsewhere. A warning fails an R block.
/// </summary>
public partial class DocsRecipeTests
{
    [GeneratedRegex(@"```(r|python)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex RecipeBlock();

    private static string Section()
    {
        string files = RepositoryFiles.Text("docs/FILES.md");
        int start = files.IndexOf("## Reading the draws in R and Python", StringComparison.Ordinal);
        int end = files.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return files[start..end];
    }

    public static TheoryData<int> Recipes() => [.. Enumerable.Range(0, RecipeBlock().Matches(Section()).Count)];

    [Fact]
    public void TheSectionHasRecipesForBothLanguagesAndGroups()
    {
        var blocks = RecipeBlock().Matches(Section()).Select(m => (Language: m.Groups[1].Value, Code: m.Groups[2].Value)).ToList();
        Assert.Contains(blocks, b => b.Language == "r" && b.Code.Contains("groups.csv", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Language == "python" && b.Code.Contains("groups.csv", StringComparison.Ordinal));
        Assert.Contains(blocks, b => b.Language == "python" && b.Code.Contains("groups.zarr", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Recipes))]
    public void EachRecipeRunsAsWritten(int index)
    {
        var block = RecipeBlock().Matches(Section())[index];
        string language = block.Groups[1].Value, code = block.Groups[2].Value;
        string runner = language == "r" ? ExternalReaders.Rscript("posterior") : ExternalReaders.Python("pandas", "xarray", "zarr");
        using var dir = new TempFolder();
        string sensors = Path.Combine(RepositoryFiles.Root, "examples", "sensors.csv");
        string[] quick = ["--chains", "2", "--samples", "100", "--seed", "8", "-q"];
        Assert.Equal(0, CliTests.Run(["fit", .. quick, "--out", dir.File("draws.csv")]).Code);
        Assert.Equal(0, CliTests.Run(["fit", "--data", sensors, "--group", "sensor", "--column", "reading", .. quick, "--out", dir.File("groups.csv")]).Code);
        Assert.Equal(0, CliTests.Run(["fit", "--data", sensors, "--group", "sensor", "--column", "reading", .. quick, "--format", "zarr", "--out", dir.File("groups.zarr")]).Code);
        string script = dir.File(language == "r" ? "recipe.R" : "recipe.py", language == "r" ? "options(warn = 2)\n" + code : code);
        var run = Process.Start(new ProcessStartInfo(runner, [script]) { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true })!;
        string stdout = run.StandardOutput.ReadToEnd(), stderr = run.StandardError.ReadToEnd();
        Assert.True(run.WaitForExit(TimeSpan.FromMinutes(2)), $"{language} recipe did not finish in 2 minutes");
        Assert.True(run.ExitCode == 0, $"the {language} recipe failed as written (a warning counts in R):\n{code}\n{stderr}");
        Assert.False(string.IsNullOrWhiteSpace(stdout), "the recipe printed nothing");
        if (code.Contains("S03", StringComparison.Ordinal) && language == "python")
            Assert.Equal("(2, 100)", stdout.Trim()); // one group's chains × draws, not the pooled 12 groups' rows
    }
}
