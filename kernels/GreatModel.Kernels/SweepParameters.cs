namespace GreatModel.Kernels;

/// <summary>Everything a sweep launch needs besides the data and the chain states.</summary>
public struct SweepParameters
{
    /// <summary>Degrees of freedom ν of the t model. Range: ν &gt; 0.</summary>
    public double Nu;

    /// <summary>How the latent χ²_{ν+1} draws are made (the loop-free sum or Marsaglia–Tsang).</summary>
    public ChiSquaredShape Chi2;

    /// <summary>1: the χ² variates in single precision (<see cref="SingleRandom.LoopFreeChiSquared"/>; needs the loop-free sum); 0: double.</summary>
    public int SingleVariates;

    /// <summary>Low word of the Philox key: the run's seed's low 32 bits.</summary>
    public uint Key0;

    /// <summary>High word of the Philox key: the run's seed's high 32 bits.</summary>
    public uint Key1;

    /// <summary>The sweep's index (counter word 1 of its draws), burn-in included. Range: 0 ≤ sweep &lt; 2^32.</summary>
    public uint Sweep;

    /// <summary>Global index of the launch's first chain (launches may cover a slice of the chains). Range: ≥ 0.</summary>
    public int FirstChain;

    /// <summary>The number of data n. Range: n ≥ 1.</summary>
    public int DataLength;

    /// <summary>The number of tiles, <see cref="SweepLayout.TileCount"/>(<see cref="DataLength"/>).</summary>
    public int TileCount;
}
