using GreatModel.Sampling;

namespace GreatModel.Data;

/// <summary>
/// Tidy CSV: .chain,.iteration,.draw,mu,sigma2 (,nu when ν is estimated), the index columns named and numbered (from 1) as R's
/// posterior reserves them, so it reads the file as chains (.draw runs over all rows); rows in recording order (draw by draw). One file holds the
/// whole run and appears by one rename, so it carries no run id (and stays plain CSV for any reader).
/// </summary>
internal sealed class TidyCsvSink : DrawsFileSink
{
    private readonly PendingFile _file;

    public TidyCsvSink(string path, bool nuColumn = false) : base(nuColumn)
    {
        _file = new PendingFile(path);
        _file.Writer.WriteLine(".chain,.iteration,.draw," + string.Join(',', ParameterNames));
    }

    public override IReadOnlyList<string> Paths => [_file.Path];

    public override void Record(int draw, ReadOnlySpan<ChainDraw> chains)
    {
        var w = _file.Writer;
        try
        {
            for (int c = 0; c < chains.Length; c++)
            {
                w.Write(c + 1);
                w.Write(',');
                w.Write(draw + 1);
                w.Write(',');
                w.Write(((long)draw * chains.Length) + c + 1); // .draw: the row's number, unique over all chains
                w.Write(',');
                WriteValues(w, chains[c]);
                w.WriteLine();
            }
        }
        catch (Exception e) when (AtomicFile.IsFileFailure(e))
        {
            throw _file.Failed(e);
        }
    }

    public override void Commit(Posterior posterior) => _file.Commit();

    public override IReadOnlyDictionary<string, double[][]> ReadBack(params string[] parameters) => DrawsFileReader.Read([_file.Path], parameters);

    public override void Dispose() => _file.Dispose();
}
