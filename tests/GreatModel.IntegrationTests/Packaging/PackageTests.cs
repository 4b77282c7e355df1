using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
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
                Assert.Contains("docs/images/density_mu.png", names); // the README's images at the paths its links name
                using var nuspec = new StreamReader(package.GetEntry("GreatModel.nuspec")!.Open());
                string spec = nuspec.ReadToEnd();
                Assert.DoesNotContain("GreatModel.Kernels", spec, StringComparison.Ordinal); // no unpublished dependency
                Assert.DoesNotContain("Package Description", spec, StringComparison.Ordinal);
                Assert.Contains("<readme>README.md</readme>", spec, StringComparison.Ordinal);
                Assert.Contains("<license type=\"expression\">MIT</license>", spec, StringComparison.Ordinal); // the owners' decision
            }
            Assert.True(File.Exists(Path.Combine(feed, $"GreatModel.{version}.snupkg")), "the symbols package is made beside it");
            Assert.True(File.Exists(Path.Combine(feed, $"GreatModel.Files.{version}.snupkg")), "the files package's symbols package too");
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

    /// <summary>
    /// The tool as .NET 10 packs a platform-specific tool: a pointer package GreatModel.Tool and, for this machine's platform,
    /// GreatModel.Tool.RID holding the program precompiled (ReadyToRun) with its own platform's native libraries only, each
    /// MIT with the README and its images, the platform's with symbols. Installed from them, <c>greatmodel</c> runs a fit.
    /// Built under the test's own folder (--artifacts-path): the repository's build outputs, which other tests run, are untouched.
    /// </summary>
    [Fact]
    public void TheToolInstallsAndRunsAsGreatmodel()
    {
        using var dir = new TempFolder();
        string version = $"0.0.0-test.{Guid.NewGuid():N}";
        // The portable RID the pack targets (a distribution's own runtime may name a RID no runtime pack exists for).
        string rid = $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        string feed = Path.Combine(dir.Path, "feed"), tools = Path.Combine(dir.Path, "tools");
        Dotnet(RepositoryRoot(), "pack", "src/GreatModel.Cli", "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(dir.Path, "artifacts"),
            $"-p:PackageVersion={version}", $"-p:ToolPackageRuntimeIdentifiers={rid}");
        try
        {
            using (var pointer = ZipFile.OpenRead(Path.Combine(feed, $"GreatModel.Tool.{version}.nupkg")))
            {
                var names = pointer.Entries.Select(e => e.FullName).ToList();
                Assert.DoesNotContain(names, n => n.EndsWith(".dll", StringComparison.Ordinal)); // the program is in the platform's package
                AssertPackageMetadata(pointer, "GreatModel.Tool");
            }
            using (var platform = ZipFile.OpenRead(Path.Combine(feed, $"GreatModel.Tool.{rid}.{version}.nupkg")))
            {
                var names = platform.Entries.Select(e => e.FullName).ToList();
                Assert.Contains($"tools/net10.0/{rid}/GreatModel.Cli.dll", names);
                Assert.DoesNotContain(names, n => n.Contains("/runtimes/", StringComparison.Ordinal)); // no other platform's native libraries
                string native = OperatingSystem.IsWindows() ? "libSkiaSharp.dll" : OperatingSystem.IsMacOS() ? "libSkiaSharp.dylib" : "libSkiaSharp.so";
                Assert.Single(names, n => Path.GetFileName(n).StartsWith("libSkiaSharp", StringComparison.Ordinal) && n.EndsWith(native, StringComparison.Ordinal));
                AssertPackageMetadata(platform, $"GreatModel.Tool.{rid}");
                using var program = new MemoryStream();
                using (var entry = platform.GetEntry($"tools/net10.0/{rid}/GreatModel.Cli.dll")!.Open()) entry.CopyTo(program);
                program.Position = 0;
                using var pe = new PEReader(program);
                Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "GreatModel.Cli.dll is precompiled (ReadyToRun)");
            }
            Assert.True(File.Exists(Path.Combine(feed, $"GreatModel.Tool.{rid}.{version}.snupkg")), "the platform's package has its symbols package");
            Dotnet(dir.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "GreatModel.Tool", "--version", version);
            var run = Process.Start(new ProcessStartInfo(Path.Combine(tools, "greatmodel"), ["fit", "--samples", "50", "--burn-in", "50", "-q", "--out", Path.Combine(dir.Path, "d.csv")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string fitOutput = run.StandardOutput.ReadToEnd();
            run.WaitForExit();
            Assert.True(run.ExitCode == 0, run.StandardError.ReadToEnd());
            Assert.Contains("draws written to", fitOutput, StringComparison.Ordinal);
        }
        finally
        {
            RemoveFromCache("GreatModel.Tool", version);
            RemoveFromCache($"GreatModel.Tool.{rid}", version);
        }
    }

    /// <summary>MIT, the README and the images its links name, in <paramref name="id"/>'s package.</summary>
    private static void AssertPackageMetadata(ZipArchive package, string id)
    {
        var names = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("README.md", names);
        Assert.Contains("docs/images/density_mu.png", names);
        Assert.Contains("docs/images/rank_sigma2.png", names);
        using var nuspec = new StreamReader(package.GetEntry($"{id}.nuspec")!.Open());
        string spec = nuspec.ReadToEnd();
        Assert.Contains("<license type=\"expression\">MIT</license>", spec, StringComparison.Ordinal);
        Assert.Contains("<readme>README.md</readme>", spec, StringComparison.Ordinal);
    }
}
