using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace GreatModel.Backends;

/// <summary>
/// A host thread of one device's own: everything for that device (creating its context and buffers, every sweep, disposing)
/// runs on it, so a GPU context stays current on the one thread that uses it, and devices work at the same time.
/// </summary>
internal sealed class DeviceWorker : IDisposable
{
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _queue = new();
    private readonly Thread _thread;

    /// <param name="name">The thread's name (for debuggers and dumps).</param>
    public DeviceWorker(string name)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = name };
        _thread.Start();
    }

    private void Loop()
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> on the device's thread; the task completes (or fails with its exception) when it has run.</summary>
    public Task Start(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        return done.Task;
    }

    /// <summary>Runs one piece of work per worker at once and waits for all; the first failure is rethrown as it was thrown.</summary>
    public static void RunAll(IReadOnlyList<DeviceWorker> workers, Action<int> work)
    {
        var tasks = workers.Select((w, k) => w.Start(() => work(k))).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>Ends the thread once its queued work has run.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread.Join();
        _queue.Dispose();
    }
}
