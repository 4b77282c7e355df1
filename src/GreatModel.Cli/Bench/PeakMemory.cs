namespace GreatModel.Cli.Bench;

/// <summary>
/// The process's largest working set while a cell runs, polled every few milliseconds (the OS keeps
/// only a lifetime peak, which earlier, larger cells would mask). Host memory only, not the GPU's.
/// </summary>
internal sealed class PeakMemory : IDisposable
{
    private readonly Timer _timer;
    private long _peak = Environment.WorkingSet;

    public PeakMemory() => _timer = new Timer(_ => Sample(), null, 0, 5);

    public double MiB
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / (1024.0 * 1024.0);
        }
    }

    private void Sample()
    {
        long now = Environment.WorkingSet;
        long seen = Interlocked.Read(ref _peak);
        while (now > seen)
        {
            long was = Interlocked.CompareExchange(ref _peak, now, seen);
            if (was == seen) break;
            seen = was;
        }
    }

    public void Dispose() => _timer.Dispose();
}
