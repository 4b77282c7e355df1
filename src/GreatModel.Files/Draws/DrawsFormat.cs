namespace GreatModel.Files.Draws;

/// <summary>Where and how a run's draws go to disk.</summary>
public enum DrawsFormat
{
    /// <summary>One file, one row per (chain, draw): .chain,.iteration,.draw,mu,sigma2 (,nu) (1-based indices, R posterior's names).</summary>
    Tidy,
    /// <summary>One CmdStan-layout CSV per chain (a fixed_param run), readable by cmdstanpy and ArviZ.</summary>
    CmdStan,
}
