using System.Security.Cryptography;

namespace GreatModel.Files.Draws;

/// <summary>A write-only stream over a file that feeds every byte written to a running SHA-256 as well (a checkpointed run's rows).</summary>
internal sealed class HashingWriteStream(FileStream file, IncrementalHash hash) : Stream
{
    public FileStream File { get; } = file;

    /// <summary>SHA-256 (hex) of every byte the file holds so far (those it was resumed with included).</summary>
    public string CurrentSha256 => Convert.ToHexStringLower(hash.GetCurrentHash());

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => File.Length;

    public override long Position
    {
        get => File.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        File.Write(buffer);
    }

    public override void Flush() => File.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            File.Dispose();
            hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
