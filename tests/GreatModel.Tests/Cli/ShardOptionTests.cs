using GreatModel.Cli.Commands;

namespace GreatModel.Tests.Cli;

/// <summary>--chain-range and --shard (#17): equal ranges that tile the chains, Slurm and Kubernetes indices, refusals.</summary>
public class ShardOptionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void ShardsTileTheChains()
    {
        foreach (var (chains, k) in new[] { (64, 4), (6, 4), (7, 7), (100, 3) })
        {
            int next = 0;
            for (int i = 1; i <= k; i++)
            {
                var (first, count) = ShardOption.Parse(null, $"{i}/{k}", chains, Env())!.Value;
                Assert.Equal(next, first);
                Assert.True(count >= chains / k && count <= (chains / k) + 1);
                next = first + count;
            }
            Assert.Equal(chains, next);
        }
        Assert.Equal((16, 16), ShardOption.Parse("16:32", null, 64, Env()));
        Assert.Null(ShardOption.Parse(null, null, 64, Env()));
    }

    [Fact]
    public void AutoReadsSlurmAndKubernetes()
    {
        // Slurm: --array=1-4 gives TASK_ID 1..4 with TASK_MIN 1.
        Assert.Equal((48, 16), ShardOption.Parse(null, "auto", 64, Env(("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal((0, 16), ShardOption.Parse(null, "auto", 64, Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Equal((32, 16), ShardOption.Parse(null, "auto/4", 64, Env(("JOB_COMPLETION_INDEX", "2"))));
    }

    [Theory]
    [InlineData("auto", "5", "5", "1", null, "SLURM_ARRAY_TASK_MIN is 5: a part of an array (a re-run?)")] // sbatch --array=5 of 0-7
    [InlineData("auto/8", "5", "5", "1", null, "SLURM_ARRAY_TASK_COUNT is 1, not 8")]
    [InlineData("auto", "2", "0", "4", "2", "a stepped Slurm array (SLURM_ARRAY_TASK_STEP = 2)")]
    [InlineData("auto", "3", "1", "3", null, "not one contiguous range (ids 1 to 5, 3 tasks)", "5")] // --array=1,3,5
    public void PartsOfASlurmArrayAreRefusedNotRunAsTheWhole(string shard, string id, string min, string count, string? step, string error, string? max = null)
    {
        (string, string)[] vars = [("SLURM_ARRAY_TASK_ID", id), ("SLURM_ARRAY_TASK_MIN", min), ("SLURM_ARRAY_TASK_COUNT", count),
            .. step is null ? [] : new[] { ("SLURM_ARRAY_TASK_STEP", step) }, .. max is null ? [] : new[] { ("SLURM_ARRAY_TASK_MAX", max) }];
        var e = Assert.Throws<InvalidInputException>(() => ShardOption.Parse(null, shard, 64, Env(vars)));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16:80", null, "", "runs past the run's --chains 64")]
    [InlineData("32:16", null, "", "END must be above FIRST")]
    [InlineData("a:b", null, "", "expected FIRST:END")]
    [InlineData("0:8", "1/4", "", "not both")]
    [InlineData(null, "0/4", "", "I must be from 1 to K")]
    [InlineData(null, "1/0", "", "K must be at least 1")]
    [InlineData(null, "5/4", "", "I must be from 1 to K")]
    [InlineData(null, "65/65", "", "would leave some empty")]
    [InlineData(null, "auto", "", "neither SLURM_ARRAY_TASK_ID")]
    [InlineData(null, "auto", "JOB_COMPLETION_INDEX=1", "needs the count: --shard auto/K")]
    [InlineData(null, "auto/4", "JOB_COMPLETION_INDEX=4", "JOB_COMPLETION_INDEX = 4 is not a shard of 4")]
    [InlineData(null, "auto", "SLURM_ARRAY_TASK_ID=x", "SLURM_ARRAY_TASK_ID = 'x' is not a whole number")]
    public void BadRangesAreRefusedByOption(string? range, string? shard, string env, string error)
    {
        var vars = env.Length == 0 ? [] : new[] { (env.Split('=')[0], env.Split('=')[1]) };
        var e = Assert.Throws<InvalidInputException>(() => ShardOption.Parse(range, shard, 64, Env(vars)));
        Assert.StartsWith(range is not null ? "--chain-range" : "--shard", e.Message, StringComparison.Ordinal);
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }
}
