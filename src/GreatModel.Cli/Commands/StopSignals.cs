using System.Globalization;
using System.Runtime.InteropServices;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT), SIGTERM (a scheduler's time limit, <c>kill</c>) and SIGHUP (the terminal closed) during
/// a fit. The first of them asks the run to stop at the next sweep, keeping every completed draw, and
/// fixes the exit code at 128 + that signal; any further signal is ignored until <see cref="Committed"/>,
/// so a second Ctrl-C cannot end the program while the draws files are being committed. Create it
/// before the draws files are opened and call <see cref="Committed"/> once they are in place: from then on a
/// signal ends the program at once, saying what was written and what was not (the summary, the plots: their
/// temporaries are removed), with the exit code of the first signal.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private static readonly (PosixSignal Signal, string Name, int ExitCode)[] Handled =
    [
        (PosixSignal.SIGINT, "Ctrl-C (SIGINT)", ExitCodes.Interrupted),
        (PosixSignal.SIGTERM, "SIGTERM", ExitCodes.Terminated),
        (PosixSignal.SIGHUP, "SIGHUP", ExitCodes.HangUp),
    ];

    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>1 + the index in <see cref="Handled"/> of the first signal received; 0 while none has been.</summary>
    private int _first;

    /// <summary>Starts listening; <paramref name="outer"/> (the command's own token) stops the run too.</summary>
    public StopSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations = Handled.Select((h, i) => PosixSignalRegistration.Create(h.Signal, context => OnSignal(context, i))).ToArray();
    }

    /// <summary>Cancelled by the first signal (or the outer token): the run stops at the next sweep.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The first signal received, in words, or null.</summary>
    private string? Received => _first == 0 ? null : Handled[_first - 1].Name;

    /// <summary>
    /// Set once a signal must end the program at once (the draws committed, or a command with no run to stop at a sweep):
    /// the rest of the line after "stopped by SIGNAL", from its first character (a space or a colon; null before).
    /// </summary>
    private volatile Func<string>? _endAtOnce;

    /// <summary>What the command still has to write after its draws (options and their values), as they are made.</summary>
    private readonly List<string> _pending = [];

    /// <summary>
    /// The draws are in place: from now a signal ends the program at once with a line saying so and which of
    /// <paramref name="pending"/> (e.g. "--summary s.json") were not written yet. It was ended with no word.
    /// </summary>
    /// <param name="written">The draws files, in words.</param>
    /// <param name="pending">What the command will still write, each as the option and value that asked for it.</param>
    public void Committed(string written, IEnumerable<string> pending)
    {
        lock (_pending) _pending.AddRange(pending);
        _endAtOnce = () =>
        {
            lock (_pending)
                return $" after the draws were written to {written}: {(_pending.Count == 0 ? "the rest of the report was not printed" : $"{string.Join(" and ", _pending)} not written")}";
        };
    }

    /// <summary>
    /// For a command with no sampling run to stop at a sweep boundary (bench): from now a signal ends the program at once,
    /// saying <paramref name="outcome"/> after "stopped by SIGNAL:", with its half-written temporaries removed, its output
    /// claims released (no lock file left) and the signal's exit code.
    /// </summary>
    /// <param name="outcome">What the stop leaves, in words (e.g. "the bench was cut short; its report is not written").</param>
    public void EndAtOnce(string outcome) => _endAtOnce = () => $": {outcome}";

    /// <summary>One of the pending outputs is written (<see cref="Committed"/>).</summary>
    public void Made(string part)
    {
        lock (_pending) _pending.Remove(part);
    }

    private void OnSignal(PosixSignalContext context, int index)
    {
        context.Cancel = true; // never the default action (ending the program) while the files are unwritten
        if (_endAtOnce is { } outcome)
        {
            int first = Interlocked.CompareExchange(ref _first, index + 1, 0);
            int code = Handled[(first == 0 ? index + 1 : first) - 1].ExitCode;
            string said = outcome();
            // Not Console.Out: the main thread may hold its lock, blocked on a full pipe, and the signal must still end the run.
            Console.Error.WriteLine($"greatmodel: stopped by {Handled[index].Name}{said}");
            GreatModel.Files.Durability.TemporaryFiles.DeletePending(); // a summary or plot half written stays a temporary: removed
            OutputLocks.ReleaseAll();
            Environment.Exit(code);
        }
        if (Interlocked.CompareExchange(ref _first, index + 1, 0) != 0) return; // already stopping: finish the files
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The signal raced Dispose: the files are committed and the run is over.
        }
    }

    /// <summary>128 + the first signal received; <see cref="ExitCodes.Interrupted"/> when the outer token stopped the run; else 0.</summary>
    public int ExitCode(Posterior fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (_first != 0) return Handled[_first - 1].ExitCode;
        return fit.Cancelled ? ExitCodes.Interrupted : 0;
    }

    /// <summary>The stderr line saying what a stopped run kept, or null when nothing stopped it.</summary>
    public string? Stopped(Posterior fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        string by = Received is { } signal ? $" by {signal}" : "";
        if (fit.Cancelled)
            return string.Create(CultureInfo.InvariantCulture,
                $"greatmodel: stopped{by} after {fit.SweepsRun} of {fit.Options.TotalSweeps} sweeps: kept all {fit.DrawsPerChain} completed draws of each of the {fit.Options.Chains} chains");
        return Received is { } late
            ? string.Create(CultureInfo.InvariantCulture,
                $"greatmodel: {late} came as the run finished: all {fit.DrawsPerChain} draws of each of the {fit.Options.Chains} chains kept")
            : null;
    }

    /// <summary>
    /// The stderr line for a run stopped before its first recorded draw: nothing is written, and the
    /// files already at <paramref name="paths"/> are left as they were.
    /// </summary>
    public string NoDraws(Posterior fit, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(paths);
        string by = Received is { } signal ? $" by {signal}" : "";
        string when = fit.SweepsRun < fit.Options.BurnIn ? "during burn-in" : "before the first recorded draw";
        var existing = paths.Where(File.Exists).ToList();
        string files = existing.Count switch
        {
            0 => "no draws file written",
            1 => $"{existing[0]} left as it was",
            _ => $"{existing[0]} ... {existing[^1]} left as they were",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"greatmodel: stopped{by} {when} (sweep {fit.SweepsRun} of {fit.Options.TotalSweeps}): no draws; {files}");
    }

    /// <summary>Gives the signals their default actions back (idempotent).</summary>
    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }
}
