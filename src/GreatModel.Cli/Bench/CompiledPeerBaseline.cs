namespace GreatModel.Cli.Bench;

/// <summary>
/// The compiled peer of issue #12: the talk's sampler as one single-threaded Rust program (benchmarks/peer/gibbs_peer.rs,
/// embedded in this program; xoshiro256+, rand_distr's ziggurat and Marsaglia–Tsang written out, no crates), built
/// here with the first rustc found at <c>-C opt-level=3 -C target-cpu=native</c> and run side by side.
/// </summary>
internal sealed class CompiledPeerBaseline : ExternalBaseline
{
    /// <summary>The row's name.</summary>
    public const string RowName = "rust-peer";

    private CompiledPeerBaseline(string binary, string version)
        : base(RowName, binary, [], $"{version}, one thread, chains in turn")
    {
    }

    /// <summary>Null (with the reason) when no rustc is found or the build fails.</summary>
    public static CompiledPeerBaseline? Find(string workFolder, out string why)
    {
        string home = Environment.GetEnvironmentVariable("HOME") ?? "";
        foreach (string rustc in new[] { "rustc", Path.Combine(home, ".cargo", "bin", "rustc") })
        {
            var (code, version) = Execute(rustc, ["--version"], TimeSpan.FromSeconds(30));
            if (code != 0) continue;
            string source = Unpack("gibbs_peer.rs", workFolder);
            string binary = Path.Combine(workFolder, "gibbs_peer");
            var (built, output) = Execute(rustc, ["-C", "opt-level=3", "-C", "target-cpu=native", "-o", binary, source], TimeSpan.FromMinutes(5));
            if (built != 0)
            {
                why = $"rustc could not build the peer: {output.Trim()}";
                return null;
            }
            why = "";
            return new CompiledPeerBaseline(binary, version.Trim());
        }
        why = "no rustc found (https://rustup.rs, or Debian: apt install rustc)";
        return null;
    }
}
