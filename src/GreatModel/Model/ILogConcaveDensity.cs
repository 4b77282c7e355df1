namespace GreatModel.Model;

/// <summary>An unnormalised log-concave density on an interval, with its first derivative: what <see cref="TangentHullSampler"/> draws from.</summary>
internal interface ILogConcaveDensity
{
    /// <summary>The log density at <paramref name="x"/>, up to a constant.</summary>
    double Log(double x);

    /// <summary>Its derivative at <paramref name="x"/>.</summary>
    double Slope(double x);

    /// <summary>Its second derivative at <paramref name="x"/> (≤ 0; used only to place the tangents, not for exactness).</summary>
    double Curvature(double x);

    /// <summary><see cref="Log"/> and <see cref="Slope"/> at <paramref name="x"/> at once, bit for bit each (a density may share their work).</summary>
    (double Value, double Slope) ValueAndSlope(double x) => (Log(x), Slope(x));

    /// <summary><see cref="Slope"/> and <see cref="Curvature"/> at <paramref name="x"/> at once, bit for bit each (a density may share their work).</summary>
    (double Slope, double Curvature) SlopeAndCurvature(double x) => (Slope(x), Curvature(x));
}
