using MathNet.Numerics;

namespace GreatModel.Model;

/// <summary>
/// log t_ν(y | μ, σ²) with the terms that do not depend on y computed once per draw: the per-datum log-likelihood the
/// <c>log_lik</c> columns hold and PSIS-LOO reads (one function, so the tool's LOO and R's on the file agree).
/// </summary>
internal readonly struct StudentTLogDensity(double mu, double sigma2, double nu)
{
    // log Γ((ν+1)/2) − log Γ(ν/2) − ½·log ν without the plain form's cancellation at large ν, then − ½·log(πσ²).
    private readonly double _constant = GammaFunctionTerms.TDensityConstant(nu) - (0.5 * Math.Log(Math.PI * sigma2));
    private readonly double _halfNuPlusOne = (nu + 1) / 2, _nuSigma2 = nu * sigma2;

    public double At(double y)
    {
        double deviation = y - mu;
        return _constant - (_halfNuPlusOne * SpecialFunctions.Log1p(deviation * deviation / _nuSigma2));
    }
}
