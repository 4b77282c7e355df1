using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GreatModel.Cli.Commands;

/// <summary>
/// Standard output as a plain file stream for a command whose output is its data (<c>simulate --out -</c>). .NET's
/// <see cref="Console.Out"/> drops writes to a closed pipe without a word (its console stream treats EPIPE as success), so
/// <c>simulate | head -1</c> ran to the end and exited 0; a file stream on descriptor 1 fails with an
/// <see cref="IOException"/> (broken pipe) at the first write after the reader has gone, which ends the command with
/// exit 4 (<see cref="ExitCodes.IoFailure"/>). That stream is used only where standard output is not seekable (a pipe, a
/// terminal): on a regular file (<c>&gt; f</c>) a file stream writes at its own position from 0, over what the shell wrote
/// into the file before (<c>{ echo hello; simulate; } &gt; f</c> lost "hello"), so there the console's stream writes at the
/// descriptor's own offset instead; a regular file has no reader to go away.
/// </summary>
internal static class StandardOutputStream
{
    /// <summary>A UTF-8 writer (no byte-order mark) on descriptor 1; disposing it flushes and leaves the descriptor open.</summary>
    public static StreamWriter Open()
    {
        // Descriptor 1 is standard output on Unix only; Windows reports a closed pipe through its own stream already.
        Stream stream = OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : OpenDescriptor();
        return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
    }

    private static Stream OpenDescriptor()
    {
        var file = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 1 << 16);
        if (!file.CanSeek) return file;
        file.Dispose(); // leaves descriptor 1 open (not owned)
        return Console.OpenStandardOutput();
    }
}
