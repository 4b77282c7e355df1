namespace GreatModel.Kernels;

/// <summary>One chain's current scalars, as the per-datum update reads them.</summary>
public struct ChainState
{
    public double Mu, Alpha2, Tau2;

    public ChainState(double mu, double alpha2, double tau2)
    {
        Mu = mu;
        Alpha2 = alpha2;
        Tau2 = tau2;
    }
}
