namespace GreatModel.Kernels;

/// <summary>Four 32-bit words: a Philox counter or output block.</summary>
public struct Block128
{
    public uint X0, X1, X2, X3;

    public Block128(uint x0, uint x1, uint x2, uint x3)
    {
        X0 = x0;
        X1 = x1;
        X2 = x2;
        X3 = x3;
    }
}
