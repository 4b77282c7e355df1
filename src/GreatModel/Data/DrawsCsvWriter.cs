using System.Globalization;
using CsvHelper;

namespace GreatModel.Data;

/// <summary>Tidy draws: one row per (chain, draw), columns chain,draw,mu,sigma2,alpha2,tau2 (1-based indices).</summary>
public static class DrawsCsvWriter
{
    public static void Write(string path, Posterior posterior) => AtomicFile.Write(path, w => Write(w, posterior));

    public static void Write(TextWriter writer, Posterior posterior)
    {
        ArgumentNullException.ThrowIfNull(posterior);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.WriteField("chain");
        csv.WriteField("draw");
        foreach (var p in posterior.Parameters) csv.WriteField(p.Name);
        csv.NextRecord();
        for (int c = 0; c < posterior.Options.Chains; c++)
        {
            for (int d = 0; d < posterior.Options.Samples; d++)
            {
                csv.WriteField(c + 1);
                csv.WriteField(d + 1);
                foreach (var p in posterior.Parameters) csv.WriteField(p[c, d].ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }
    }
}
