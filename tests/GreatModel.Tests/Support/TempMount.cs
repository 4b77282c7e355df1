using System.Diagnostics;

namespace GreatModel.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test: a full disk (<c>size=64k</c>) or a read-only folder (<c>ro</c>)
/// that even root cannot write. Mounting needs root with CAP_SYS_ADMIN (the tests run as root in a
/// container that has it); where it is refused the test is skipped, visibly.
/// </summary>
public sealed class TempMount : IDisposable
{
    private TempMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> at a new folder <paramref name="name"/> in <paramref name="parent"/>, or skips the test.</summary>
    public static TempMount Create(TempFolder parent, string name, string options)
    {
        string path = Directory.CreateDirectory(System.IO.Path.Combine(parent.Path, name)).FullName;
        var (code, err) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        Assert.SkipUnless(code == 0, $"cannot mount a tmpfs here ({err.Trim()}): needs root with CAP_SYS_ADMIN");
        return new TempMount(path);
    }

    /// <summary>Runs a program and returns its exit code and standard error (-1 when it cannot start).</summary>
    public static (int Code, string Err) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(start)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, err);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    public void Dispose() => Run("umount", "-l", Path);
}
