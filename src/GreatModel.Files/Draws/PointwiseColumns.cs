using System.Buffers;
using System.Globalization;
using GreatModel.Diagnostics;
using GreatModel.Model;
using GreatModel.Random;
using GreatModel.Sampling;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace GreatModel.Files.Draws;

/// <summary>
/// The per-datum columns of <see cref="PointwiseOutputs"/>, computed on the host from each recorded draw as it is written:
/// one row's values at a time, never n × draws in memory. Replicated data come from each chain's own Philox stream
/// (the kernels' <c>CounterSpace.PosteriorPredictiveFirst</c> on, keyed by the run's seed), in recording order, so the same seed
/// and draws give the same y_rep. Also keeps the predictive check of min, max and sd over every replication.
/// </summary>
public sealed class PointwiseColumns
{
    private readonly double[] _data;
    private readonly PhiloxRandomSource[] _streams;
    private readonly double _observedMin, _observedMax, _observedSd;
    private long _replications, _minAtLeast, _maxAtLeast, _sdAtLeast;

    /// <param name="data">The fitted data (data units, as the draws).</param>
    /// <param name="outputs">Which columns. Range: not <see cref="PointwiseOutputs.None"/>.</param>
    /// <param name="seed">The run's seed (<see cref="SamplerOptions.Seed"/>, fixed before the run): keys the predictive streams.</param>
    /// <param name="chains">The run's chains. Range: ≥ 1.</param>
    /// <param name="firstChain">The global id of the run's first chain (<see cref="SamplerOptions.FirstChain"/>: a shard's replications are the whole run's). Range: ≥ 0.</param>
    public PointwiseColumns(ObservedData data, PointwiseOutputs outputs, ulong seed, int chains, int firstChain = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (outputs == PointwiseOutputs.None || (outputs & ~(PointwiseOutputs.LogLikelihood | PointwiseOutputs.Predictive)) != 0)
            throw new OptionOutOfRangeException(nameof(outputs), outputs, "names no pointwise column (LogLikelihood, Predictive or both)");
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(firstChain);
        Outputs = outputs;
        _data = [.. data.Values];
        _streams = outputs.HasFlag(PointwiseOutputs.Predictive)
            ? [.. Enumerable.Range(firstChain, chains).Select(c => new PhiloxRandomSource(seed, c, RandomStream.PosteriorPredictive))]
            : [];
        (_observedMin, _observedMax, _observedSd) = (_data.Min(), _data.Max(), StandardDeviation(_data));
        var variables = new List<string>();
        if (outputs.HasFlag(PointwiseOutputs.LogLikelihood)) variables.Add("log_lik");
        if (outputs.HasFlag(PointwiseOutputs.Predictive)) variables.Add("y_rep");
        _variables = variables;
        Names = NamesFor(bracketed: false);
    }

    private readonly List<string> _variables;

    /// <summary>
    /// The column names, in order, as a layout writes them: CmdStan's dotted <c>log_lik.1</c> (what rstan and cmdstanpy group
    /// as the vector log_lik), or the bracketed <c>log_lik[1]</c> of a tidy file (what R's posterior takes as element 1 of
    /// log_lik: with the dotted names, <c>subset_draws(variable = "y_rep")</c> found nothing).
    /// </summary>
    /// <param name="bracketed">True: <c>y_rep[1]</c>; false: <c>y_rep.1</c>.</param>
    public IReadOnlyList<string> NamesFor(bool bracketed) =>
        [.. _variables.SelectMany(v => Enumerable.Range(1, _data.Length).Select(i => bracketed ? $"{v}[{i}]" : $"{v}.{i}"))];

    /// <summary>Which columns are written.</summary>
    public PointwiseOutputs Outputs { get; }

    /// <summary>The column names, in order, dotted (CmdStan's): log_lik.1 … log_lik.n, then y_rep.1 … y_rep.n (those asked for).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The predictive checks of min, max and sd so far (empty without <see cref="PointwiseOutputs.Predictive"/> or before
    /// the first draw).
    /// </summary>
    public IReadOnlyList<PredictiveCheck> Checks => _replications == 0 ? [] :
    [
        new("min", _observedMin, (double)_minAtLeast / _replications, _replications),
        new("max", _observedMax, (double)_maxAtLeast / _replications, _replications),
        new("sd", _observedSd, (double)_sdAtLeast / _replications, _replications),
    ];

    /// <summary>The predictive streams' positions and the check's counts after the rows written so far (for a checkpoint).</summary>
    public PointwiseCheckpoint Capture() => new()
    {
        StreamPositions = [.. _streams.Select(s => s.Position)],
        Replications = _replications,
        MinAtLeast = _minAtLeast,
        MaxAtLeast = _maxAtLeast,
        SdAtLeast = _sdAtLeast,
    };

    /// <summary>Takes fresh columns of the same run to <paramref name="state"/> (<see cref="Capture"/>), before any row.</summary>
    /// <exception cref="InvalidInputException">The state is not one of columns shaped as these (another chain count, counts out of range).</exception>
    public void Restore(PointwiseCheckpoint state)
    {
        ArgumentNullException.ThrowIfNull(state);
        long[] counts = [state.MinAtLeast, state.MaxAtLeast, state.SdAtLeast];
        if (state.StreamPositions is null || state.StreamPositions.Count != _streams.Length || state.StreamPositions.Any(p => p < 0)
            || state.Replications < 0 || counts.Any(c => c < 0 || c > state.Replications))
            throw new InvalidInputException($"the pointwise columns' checkpoint does not fit this run ({state.StreamPositions?.Count ?? 0} predictive streams for {_streams.Length}, or counts out of range)");
        for (int c = 0; c < _streams.Length; c++) _streams[c].Seek(state.StreamPositions[c]);
        (_replications, _minAtLeast, _maxAtLeast, _sdAtLeast) = (state.Replications, state.MinAtLeast, state.MaxAtLeast, state.SdAtLeast);
    }

    /// <summary>
    /// Writes ",v1,v2,…" (every column, round-trip form) for chain <paramref name="chain"/>'s draw <paramref name="draw"/>;
    /// its replication counts in <see cref="Checks"/> unless <paramref name="countInChecks"/> is false (a warm-up row).
    /// </summary>
    internal void WriteRow(TextWriter w, int chain, ChainDraw draw, bool countInChecks = true)
    {
        // The values first, then their text (RowFormatter: on every core for a long row); the predictive draws in the
        // chain's stream order as before, so the text is what writing them one at a time gave.
        double[] row = ArrayPool<double>.Shared.Rent(_data.Length);
        try
        {
            var values = row.AsSpan(0, _data.Length);
            if (Outputs.HasFlag(PointwiseOutputs.LogLikelihood))
            {
                var density = new StudentTLogDensity(draw.Mu, draw.Sigma2, draw.Nu);
                for (int i = 0; i < _data.Length; i++) values[i] = density.At(_data[i]);
                RowFormatter.Write(w, values);
            }
            if (!Outputs.HasFlag(PointwiseOutputs.Predictive)) return;
            var rng = _streams[chain];
            double sigma = Math.Sqrt(draw.Sigma2);
            double min = double.PositiveInfinity, max = double.NegativeInfinity, mean = 0, squares = 0;
            for (int i = 0; i < _data.Length; i++)
            {
                double y = StudentT.Sample(rng, draw.Mu, sigma, draw.Nu);
                values[i] = y;
                (min, max) = (Math.Min(min, y), Math.Max(max, y));
                double delta = y - mean; // Welford: the replication's sd without keeping its values
                mean += delta / (i + 1);
                squares += delta * (y - mean);
            }
            RowFormatter.Write(w, values);
            double sd = Math.Sqrt(squares / (_data.Length - 1));
            if (!countInChecks) return;
            _replications++;
            if (min >= _observedMin) _minAtLeast++;
            if (max >= _observedMax) _maxAtLeast++;
            if (sd >= _observedSd) _sdAtLeast++;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(row);
        }
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
