namespace PatchReview.Core.Tests.Mail;

/// <summary>
/// A stream that behaves like a pipe: it cannot seek, hands out its bytes in reads of the given sizes in turn, and
/// fails with an I/O error once <c>failAfter</c> bytes have been read.
/// </summary>
internal sealed class TrickleStream(byte[] content, int[]? chunkSizes = null, int failAfter = int.MaxValue) : Stream
{
    private readonly int[] _chunkSizes = chunkSizes ?? [int.MaxValue];
    private int _position;
    private int _reads;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= failAfter && _position < content.Length)
        {
            throw new IOException("Input/output error");
        }

        var size = Math.Min(Math.Min(count, _chunkSizes[_reads++ % _chunkSizes.Length]), Math.Min(content.Length, failAfter) - _position);
        content.AsSpan(_position, size).CopyTo(buffer.AsSpan(offset));
        _position += size;
        return size;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
