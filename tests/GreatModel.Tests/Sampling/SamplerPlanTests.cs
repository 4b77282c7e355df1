using GreatModel.Model;
using GreatModel.Sampling;

namespace GreatModel.Tests.Sampling;

/// <summary>
/// Plan, then run (#28 item 2): <see cref="Sampler.Plan(ObservedData, SamplerOptions, RunHooks)"/> finds every option out
/// of range at once, resolves the seed and backend and checks the memory before anything runs; the plan then runs once,
/// drawing what <see cref="Sampler.Run(ObservedData, SamplerOptions, RunHooks, CancellationToken)"/> draws.
/// </summary>
public class SamplerPlanTests
{
    private static readonly ObservedData Data = new([1.0, 2.5, 3.0, 4.75, 10.0, -2.0, 0.5], "test data");

    [Fact]
    public void EveryOptionOutOfRangeIsFoundAtOnce()
    {
        var options = new SamplerOptions { Nu = 0, Chains = 0, Thin = 0, InitialAlpha2 = -1 };
        var e = Assert.Throws<InvalidOptionsException>(() => Sampler.Plan(Data, options, new RunHooks()));
        Assert.Equal([nameof(SamplerOptions.Nu), nameof(SamplerOptions.Chains), nameof(SamplerOptions.Thin), nameof(SamplerOptions.InitialAlpha2)],
            e.Problems.Select(p => p.ParamName));
        Assert.Contains("Chains = 0: must be at least 1", e.Message, StringComparison.Ordinal);
        // One problem is thrown as itself, as before.
        Assert.Equal(nameof(SamplerOptions.Thin), Assert.Throws<OptionOutOfRangeException>(() => (options with { Nu = 6, Chains = 2, InitialAlpha2 = null }).Validate()).ParamName);
    }

    [Fact]
    public void AProblemThatReadsABadOptionIsNotReportedTwice()
    {
        // ν's range with a bad lower end: the end is named, not also "nu-max must be above nu-min".
        var e = Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { EstimateNu = true, NuMin = double.NaN }.Validate());
        Assert.Equal(nameof(SamplerOptions.NuMin), e.ParamName);
        // A bad sample count is not also a sweep count out of range.
        Assert.Equal(nameof(SamplerOptions.Samples), Assert.Throws<OptionOutOfRangeException>(() => new SamplerOptions { Samples = -5, Thin = 3 }.Validate()).ParamName);
    }

    [Fact]
    public void APlanSaysWhatWillRunAndRunsItOnce()
    {
        var options = new SamplerOptions { Chains = 2, BurnIn = 20, Samples = 30, Seed = 8 };
        var plan = Sampler.Plan(Data, options, new RunHooks());
        Assert.NotEqual(Backend.Auto, plan.Backend);
        Assert.NotNull(plan.BackendReason); // auto chose it, and says why
        Assert.Equal(8UL, plan.Seed);
        Assert.Equal(GreatModel.Backends.BackendRegistry.NameOf(plan.Backend), plan.Record.Backend);
        Assert.True(plan.Resources.HostBytes > 0);
        Assert.False(plan.IsGrouped);
        Assert.Throws<InvalidOperationException>(() => plan.RunGroups());
        var fit = plan.Run();
        Assert.Equal(Sampler.Run(Data, options with { Backend = plan.Backend }).Mu.ToArray(), fit.Mu.ToArray());
        Assert.Throws<InvalidOperationException>(() => plan.Run()); // its sinks and checkpoints belong to one run
    }

    [Fact]
    public void APlanWithoutASeedDrawsOneItsRunKeeps()
    {
        var plan = Sampler.Plan(Data, new SamplerOptions { Chains = 1, BurnIn = 5, Samples = 5 }, new RunHooks());
        Assert.Equal(plan.Seed, plan.Options.Seed);
        Assert.Equal(plan.Seed, plan.Run().Seed);
    }

    [Fact]
    public void ARunTooLargeForTheMachineIsRefusedWhenPlanned()
    {
        var options = new SamplerOptions { Chains = 1 << 20, Samples = 1 << 20, Seed = 1, Backend = Backend.CpuFast };
        var e = Assert.Throws<OptionOutOfRangeException>(() => Sampler.Plan(Data, options, new RunHooks()));
        Assert.Contains("memory", e.Rule, StringComparison.Ordinal);
    }
}
