namespace GreatModel.Random;

/// <summary>
/// Independent host streams carved out of the same Philox key space as the device draws. Device draws
/// use counter word 3 for trial numbers (below 2^31) and 2^31 for the gamma boost; host streams use
/// 0xC0000000 and up, so no host draw can repeat a device one.
/// </summary>
public enum RandomStream : uint
{
    /// <summary>Host scalar draws (alpha2, mu, tau2) of the fast backends.</summary>
    HostScalars = 0xC0000000u,
    /// <summary>Every draw of the reference sampler.</summary>
    Reference = 0xC0000001u,
    /// <summary>Simulated data sets.</summary>
    Simulation = 0xC0000002u,
}
