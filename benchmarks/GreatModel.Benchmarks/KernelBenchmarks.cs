using BenchmarkDotNet.Attributes;
using GreatModel.Backends.FastCpu;
using GreatModel.Backends.Simd;
using System.Runtime.Intrinsics;
using GreatModel.Kernels;

namespace GreatModel.Benchmarks;

/// <summary>
/// The pieces of a datum-update, scalar and four-wide: one Philox4x32-10 block, one χ²_7 draw (ν = 6),
/// and one whole 4096-datum tile of the fused sweep; the same for the cpu-fast streams (xoshiro256++ and a
/// ziggurat). Per-datum cost = tile time / 4096.
/// </summary>
public class KernelBenchmarks
{
    private readonly double[] _data = Enumerable.Range(0, SweepLayout.TileSize).Select(i => Math.Sin(i) * 5).ToArray();
    private readonly SweepParameters _p = new()
    {
        Nu = 6,
        Chi2 = ChiSquaredShape.For(7),
        Key0 = 42,
        Key1 = 7,
        Sweep = 3,
        DataLength = SweepLayout.TileSize,
        TileCount = 1,
    };
    private readonly ChainState _state = new(0.1, 2.0, 1.5, 6);
    private uint _counter;
    private readonly Vector512<ulong>[] _keys = Keys();

    private static Vector512<ulong>[] Keys()
    {
        var keys = new Vector512<ulong>[20];
        VectorPhilox.RoundKeys(42, 7, keys);
        return keys;
    }

    [Benchmark]
    public Block128 PhiloxBlock() => Philox4x32.Generate(new Block128(_counter++, 1, 2, 3), 42, 7);

    [Benchmark]
    public ulong PhiloxEightBlocks() => VectorPhilox.Generate(new PhiloxLanes
    {
        X0 = Vector512.Create((ulong)_counter++),
    }, _keys).X0.GetElement(0);

    private readonly Vector512<double>[] _u = Enumerable.Range(1, 16).Select(i => Vector512.Create(i / 17.0, i / 19.0, i / 23.0, i / 29.0, i / 31.0, i / 37.0, i / 41.0, i / 43.0)).ToArray();

    [Benchmark(OperationsPerInvoke = 128)]
    public Vector512<ulong> Philox128()
    {
        var acc = Vector512<ulong>.Zero;
        for (int j = 0; j < 16; j += 2)
        {
            var a = new PhiloxLanes { X0 = Vector512.Create((ulong)j), X1 = Vector512.Create((ulong)_counter) };
            var b = new PhiloxLanes { X0 = Vector512.Create((ulong)j + 1), X1 = Vector512.Create((ulong)_counter) };
            VectorPhilox.GeneratePair(ref a, ref b, _keys);
            acc ^= a.X0 ^ b.X0;
        }
        return acc;
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public Vector512<double> Log128()
    {
        var acc = Vector512<double>.Zero;
        for (int j = 0; j < 16; j++) acc += VectorMath.Log(_u[j]);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public Vector512<double> Cos128()
    {
        var acc = Vector512<double>.Zero;
        for (int j = 0; j < 16; j++) acc += VectorMath.CosTwoPi(_u[j]);
        return acc;
    }

    [Benchmark(OperationsPerInvoke = 128)]
    public Vector512<double> Sqrt128()
    {
        var acc = Vector512<double>.Zero;
        for (int j = 0; j < 16; j++) acc += Vector512.Sqrt(_u[j]);
        return acc;
    }

    [Benchmark]
    public double GammaDraw() => DeviceRandom.Gamma(_p.Chi2.Gamma, new DrawSite(42, 7, _counter++, 0, 0));

    [Benchmark]
    public SweepSums TileScalar() => SweepArithmetic.TileSums(new ArraySource(_data), 0, 0, _state, _p);

    [Benchmark]
    public SweepSums TileVector() => VectorSweep.TileSums(_data, 0, 0, _state, _p);

    [Benchmark]
    public SweepSums FastTileScalar() => FastTile.ScalarSums(_data, 0, 0, _state, _p);

    [Benchmark]
    public SweepSums FastTileVector() => VectorFastTile.TileSums(_data, 0, 0, _state, _p);

    [Benchmark]
    public double FastGammaDraw() => FastGamma.Next(_p.Chi2.Gamma, ref _lane);

    private LaneStream _lane = LaneStream.Seeded(42, 7, 0, 0, 0, 0);
}
