namespace GreatModel.Kernels;

/// <summary>Everything a sweep launch needs besides the data and the chain states.</summary>
public struct SweepParameters
{
    public double Nu;
    /// <summary>Gamma((ν+1)/2) constants: χ²_{ν+1} = 2·Gamma((ν+1)/2, 1).</summary>
    public GammaShape HalfChi2;
    public uint Key0, Key1;
    public uint Sweep;
    /// <summary>Global index of the launch's first chain (launches may cover a slice of the chains).</summary>
    public int FirstChain;
    public int DataLength;
    public int TileCount;
}
