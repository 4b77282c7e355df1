using System.Diagnostics;
using System.IO.Compression;
using GreatModel.Tests.Support;

namespace GreatModel.Tests.Packaging;

/// <summary>
/// The NuGet packages (#16 item 7), as the README's one command makes them (from this test's own build, no rebuild): the
/// library package carries its kernels and its README and depends on published packages only; a console project that
/// references it runs the README's first snippet; the tool package installs with `dotnet tool install` and runs as
/// `greatmodel`. Each run packs a version of its own and removes it from the NuGet cache after.
/// </summary>
public class PackageTests
{
    private static string RepositoryRoot() => RepositoryFiles.Root;

    /// <summary>The configuration this test assembly was built in: the projects' builds to pack.</summary>
    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";

    private static string Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        Assert.True(p.WaitForExit(TimeSpan.FromMinutes(4)), $"dotnet {string.Join(' ', args)} did not finish in 4 minutes");
        Assert.True(p.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed ({p.ExitCode}):\n{stdout.Result}\n{stderr}");
        return stdout.Result;
    }

    private static void RemoveFromCache(string id, string version)
    {
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string folder = Path.Combine(cache, id.ToLowerInvariant(), version);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void TheLibraryPackagesCarryTheKernelsAndAConsoleProjectRunsTheReadmeSnippet()
    {
        using var dir = new TempFolder();
        string version = $"0.0.0-test.{Guid.NewGuid():N}";
        string feed = Directory.CreateDirectory(Path.Combine(dir.Path, "feed")).FullName;
        Dotnet(RepositoryRoot(), "pack", "src/GreatModel", "--no-build", "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}");
        Dotnet(RepositoryRoot(), "pack", "src/GreatModel.Files", "--no-build", "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}");
        try
        {
            using (var files = ZipFile.OpenRead(Path.Combine(feed, $"GreatModel.Files.{version}.nupkg")))
            {
                Assert.Contains("lib/net10.0/GreatModel.Files.dll", files.Entries.Select(e => e.FullName));
                using var nuspec = new StreamReader(files.GetEntry("GreatModel.Files.nuspec")!.Open());
                string spec = nuspec.ReadToEnd();
                Assert.Contains($"<dependency id=\"GreatModel\" version=\"[{version}]\"", spec, StringComparison.Ordinal); // exactly the sampler it was built with (a friend of its internals)
                Assert.Contains("<license type=\"expression\">MIT</license>", spec, StringComparison.Ordinal);
            }
            using (var package = ZipFile.OpenRead(Path.Combine(feed, $"GreatModel.{version}.nupkg")))
            {
                var names = package.Entries.Select(e => e.FullName).ToList();
                Assert.Contains("lib/net10.0/GreatModel.dll", names);
                Assert.Contains("lib/net10.0/GreatModel.Kernels.dll", names);
                Assert.Contains("README.md", names);
                using var nuspec = new StreamReader(package.GetEntry("GreatModel.nuspec")!.Open());
                string spec = nuspec.ReadToEnd();
                Assert.DoesNotContain("GreatModel.Kernels", spec, StringComparison.Ordinal); // no unpublished dependency
                Assert.DoesNotContain("Package Description", spec, StringComparison.Ordinal);
                Assert.Contains("<readme>README.md</readme>", spec, StringComparison.Ordinal);
                Assert.Contains("<license type=\"expression\">MIT</license>", spec, StringComparison.Ordinal); // the owners' decision
            }
            Assert.True(File.Exists(Path.Combine(feed, $"GreatModel.{version}.snupkg")), "the symbols package is made beside it");
            string app = Directory.CreateDirectory(Path.Combine(dir.Path, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
                  <ItemGroup><PackageReference Include="GreatModel.Files" Version="{version}" /></ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <configuration><packageSources><add key="local" value="{feed}" /></packageSources></configuration>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using GreatModel;
                using GreatModel.Files.Input;

                IEnumerable<double> data = ExampleData.Load().Values;
                var fit = Sampler.Run(data, new SamplerOptions { Chains = 2, BurnIn = 50, Samples = 50, Seed = 1, Backend = Backend.IlgpuCpu });
                Console.WriteLine($"ok {fit.Mu.ToArray().Length} {fit.Backend}");
                """);
            string output = Dotnet(app, "run", "-c", "Release");
            Assert.Contains("ok 100 IlgpuCpu", output, StringComparison.Ordinal); // the kernels compiled by ILGPU from the package
        }
        finally
        {
            RemoveFromCache("GreatModel", version);
            RemoveFromCache("GreatModel.Files", version);
        }
    }

    [Fact]
    public void TheToolInstallsAndRunsAsGreatmodel()
    {
        using var dir = new TempFolder();
        string version = $"0.0.0-test.{Guid.NewGuid():N}";
        string feed = Path.Combine(dir.Path, "feed"), tools = Path.Combine(dir.Path, "tools");
        Dotnet(RepositoryRoot(), "pack", "src/GreatModel.Cli", "--no-build", "-c", Configuration, "-o", feed, $"-p:PackageVersion={version}");
        try
        {
            Dotnet(dir.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "GreatModel.Tool", "--version", version);
            string output = Dotnet(dir.Path, "exec", Path.Combine(tools, ".store", "greatmodel.tool", version, "greatmodel.tool", version, "tools", "net10.0", "any", "GreatModel.Cli.dll"), "--version");
            Assert.StartsWith("greatmodel ", output, StringComparison.Ordinal);
            var run = Process.Start(new ProcessStartInfo(Path.Combine(tools, "greatmodel"), ["fit", "--samples", "50", "--burn-in", "50", "-q", "--out", Path.Combine(dir.Path, "d.csv")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string fitOutput = run.StandardOutput.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, run.StandardError.ReadToEnd());
            Assert.Contains("draws written to", fitOutput, StringComparison.Ordinal);
        }
        finally
        {
            RemoveFromCache("GreatModel.Tool", version);
        }
    }
}
