using GreatModel.Backends;

namespace GreatModel.Tests.Support;

/// <summary>The tests' backend lists, read from <see cref="BackendRegistry"/>: a new backend is tested without editing a test.</summary>
public static class TestBackends
{
    /// <summary>Every backend; tests skip, visibly, those whose device this machine lacks.</summary>
    public static TheoryData<Backend> All() => new(BackendRegistry.All.Select(b => b.Id));

    /// <summary>The backends that run on any machine (no accelerator device needed).</summary>
    public static TheoryData<Backend> Local() => new(BackendRegistry.All.Where(b => !b.NeedsDevice).Select(b => b.Id));

    /// <summary>Skips the calling test, with the reason, where <paramref name="backend"/> cannot run.</summary>
    public static void SkipUnlessAvailable(Backend backend)
    {
        var descriptor = BackendRegistry.Get(backend);
        Assert.SkipUnless(descriptor.IsAvailable(), $"no {descriptor.Name} device on this machine");
    }

    /// <summary>
    /// Skips the calling test, with the reason, unless <paramref name="backend"/> can run on every device of
    /// <paramref name="ids"/>: a two-GPU row skips on a one-GPU machine rather than failing there. ILGPU's CPU accelerators
    /// are made as many as the ids given.
    /// </summary>
    public static void SkipUnlessDevices(Backend backend, IReadOnlyList<int> ids)
    {
        SkipUnlessAvailable(backend);
        var descriptor = BackendRegistry.Get(backend);
        if (!descriptor.NeedsDevice) return;
        int usable = DeviceCatalog.List().Count(d => d.Backend == backend && d.Usable);
        Assert.SkipUnless(ids.Max() < usable, $"needs {ids.Max() + 1} {descriptor.Name} devices; this machine has {usable}");
    }
}
