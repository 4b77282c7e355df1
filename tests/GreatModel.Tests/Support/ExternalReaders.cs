using System.Diagnostics;

namespace GreatModel.Tests.Support;

/// <summary>
/// The real readers of our files that Debian packages (R's Rscript with its packages, python3 with its modules): their
/// paths, or the test skipped visibly, naming what to install, where they or a package they need are missing.
/// </summary>
public static class ExternalReaders
{
    /// <summary>Debian's python3 (its modules, not a virtual environment's).</summary>
    public const string PythonPath = "/usr/bin/python3";

    /// <summary>Rscript on the PATH, each of <paramref name="packages"/> loadable; else the test is skipped, saying so.</summary>
    public static string Rscript(params string[] packages)
    {
        string? rscript = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "Rscript")).FirstOrDefault(File.Exists);
        string install = "apt-get install " + string.Join(' ', (packages.Length == 0 ? ["rstan", "posterior"] : packages).Select(p => $"r-cran-{p}"));
        Assert.SkipWhen(rscript is null, $"Rscript not found: {install} to run this reader test");
        if (packages.Length > 0)
            Assert.SkipUnless(Succeeds(rscript!, "-e", string.Join("; ", packages.Select(p => $"library({p})"))), $"R lacks {string.Join(" or ", packages)}: {install} to run this reader test");
        return rscript!;
    }

    /// <summary>Debian's python3 with each of <paramref name="modules"/> importable; else the test is skipped, saying so.</summary>
    public static string Python(params string[] modules)
    {
        string install = "apt-get install " + string.Join(' ', modules.Select(m => $"python3-{m}"));
        Assert.SkipUnless(File.Exists(PythonPath), $"no {PythonPath}: {install} to run this reader test");
        Assert.SkipUnless(Succeeds(PythonPath, "-c", "import " + string.Join(", ", modules)), $"python3 lacks {string.Join(", ", modules)}: {install} to run this reader test");
        return PythonPath;
    }

    private static bool Succeeds(string program, params string[] args)
    {
        using var probe = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        probe.StandardOutput.ReadToEndAsync();
        probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }
}
