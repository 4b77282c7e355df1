namespace GreatModel.Diagnostics;

/// <summary>One row of the Pareto k diagnostic table (loo's <c>pareto_k_table</c>): the observations whose k̂ falls in a range.</summary>
/// <param name="Range">The range as loo prints it: <c>(-Inf, 0.5]</c>, <c>(0.5, 0.7]</c>, <c>(0.7, 1]</c>, <c>(1, Inf)</c>.</param>
/// <param name="Label">loo's word for it: good, ok, bad, very bad.</param>
/// <param name="Count">Observations in the range. Range: ≥ 0.</param>
/// <param name="Proportion">Their share of all observations. Range: 0 to 1.</param>
/// <param name="MinEffectiveSize">The smallest PSIS effective sample size among them; null when the range is empty.</param>
public sealed record ParetoKRow(string Range, string Label, int Count, double Proportion, double? MinEffectiveSize);
