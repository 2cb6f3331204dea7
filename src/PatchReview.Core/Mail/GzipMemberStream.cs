using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace PatchReview.Core.Mail;

/// <summary>
/// Decompresses a gzip file (RFC 1952) of one or more members and checks every member's trailer, so that a broken
/// archive raises a <see cref="MailReadException"/> instead of reading as fewer messages. .NET's GZipStream ends
/// quietly where an interrupted download ends: half of linux-s390-2022q2.mbox.gz reads as its first half.
/// Example: <c>cat a.mbox.gz b.mbox.gz</c> decompresses to a.mbox then b.mbox, and the same file cut at any byte
/// throws, except exactly between the two members: what is left is then a complete gzip file, as gzip(1) sees it too.
/// The exception's offset counts decompressed bytes, as the mbox reader's offsets do. Reads are forward-only and
/// asynchronous, like every read in Mail/ (through <see cref="MailReader.ReadSomeAsync"/>); disposing leaves
/// <paramref name="input"/> open.
/// </summary>
internal sealed class GzipMemberStream(Stream input, string sourceName) : Stream
{
    private const int TrailerLength = 8;
    private const byte DeflateMethod = 8;
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagsReserved = 0xe0;

    private readonly CompressedInput _input = new(input);
    private readonly Crc32 _crc = new();
    private DeflateStream? _deflate;
    private long _memberLength;
    private long _memberStart;
    private long _position;
    private bool _ended;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty && !_ended)
        {
            _deflate ??= await StartMemberAsync(cancellationToken);
            if (_deflate is null)
            {
                _ended = true;
                break;
            }

            var read = await _deflate.ReadAsync(buffer, cancellationToken);
            if (read > 0)
            {
                _crc.Append(buffer.Span[..read]);
                _memberLength += read;
                _position += read;
                return read;
            }

            await _deflate.DisposeAsync();
            _deflate = null;
            await EndMemberAsync(cancellationToken);
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count)
        => throw new NotSupportedException("GzipMemberStream is read with ReadAsync, like every stream in Mail/.");

    /// <summary>Reads the next member's header and returns its deflate data; null at the end of the file, which may be padded with zero bytes.</summary>
    private async ValueTask<DeflateStream?> StartMemberAsync(CancellationToken ct)
    {
        if (!await _input.EnsureAsync(1, ct))
        {
            return null;
        }

        // tar and some mirrors pad a .gz with zeros to a block size; gzip(1) accepts that ("trailing zero bytes ignored").
        // Anything else after a member is not accepted: gzip only warns about "trailing garbage", we do not guess.
        if (_input.Buffered[0] == 0)
        {
            do
            {
                if (_input.Buffered.IndexOfAnyExcept((byte)0) is var garbage and >= 0)
                {
                    throw Corrupt(_input.Offset + garbage, "bytes after the last gzip member are neither a member nor zero padding");
                }

                _input.Consume(_input.Buffered.Length);
            }
            while (await _input.FillAsync(ct));

            return null;
        }

        _memberStart = _input.Offset;
        if (_input.Buffered[0] != 0x1f)
        {
            throw Corrupt(_memberStart, "no gzip member starts here (no 1f 8b magic)");
        }

        var headerCrc = new Crc32();
        await RequireAsync(10, ct);
        // ID1 ID2 CM FLG MTIME(4) XFL OS
        var header = _input.Buffered[..10];
        if (header[1] != 0x8b)
        {
            throw Corrupt(_memberStart, "no gzip member starts here (no 1f 8b magic)");
        }

        if (header[2] != DeflateMethod)
        {
            throw Corrupt(_memberStart, $"the gzip member uses compression method {header[2]}, not deflate (8)");
        }

        var flags = header[3];
        if ((flags & FlagsReserved) != 0)
        {
            // RFC 1952 section 2.3.1.2: a decompressor must give an error if a reserved flag bit is set.
            throw Corrupt(_memberStart, $"the gzip header sets reserved flag bits (FLG {flags:x2})");
        }

        TakeHeader(10, headerCrc);
        if ((flags & FlagExtra) != 0)
        {
            await RequireAsync(2, ct);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(_input.Buffered);
            TakeHeader(2, headerCrc);
            await SkipHeaderAsync(extraLength, headerCrc, ct);
        }

        if ((flags & FlagName) != 0)
        {
            await SkipZeroTerminatedAsync(headerCrc, ct);
        }

        if ((flags & FlagComment) != 0)
        {
            await SkipZeroTerminatedAsync(headerCrc, ct);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            await RequireAsync(2, ct);
            if (BinaryPrimitives.ReadUInt16LittleEndian(_input.Buffered) != (ushort)headerCrc.GetCurrentHashAsUInt32())
            {
                throw Corrupt(_input.Offset, "gzip header CRC mismatch");
            }

            _input.Consume(2);
        }

        _input.StartDeflate();
        _crc.Reset();
        _memberLength = 0;
        return new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>
    /// Finds and checks the trailer (CRC-32, then ISIZE = length mod 2^32, both little-endian) once DeflateStream has
    /// reported the member's end, and positions the input right after it.
    /// </summary>
    private async ValueTask EndMemberAsync(CancellationToken ct)
    {
        var crc = _crc.GetCurrentHashAsUInt32();
        var length = unchecked((uint)_memberLength);

        // DeflateStream reads its input in chunks and does not say how much of the last one it used. It asks for a chunk
        // only when its inflater needs input, i.e. after using up the one before, so the deflate data ends inside the
        // last chunk and the trailer starts there (and may reach past it). The trailer is the first place from the
        // chunk's start whose 8 bytes are the CRC and length of what was inflated; 64 bits of check make a false match
        // practically impossible. Fewer than 8 bytes after the chunk only at the end of the file, judged below.
        await _input.EnsureAsync(TrailerLength, ct);
        if (_input.TryTakeTrailer(crc, length))
        {
            return;
        }

        // Truncated when DeflateStream itself ran out of input, or when the file ended and no complete CRC or length
        // of this member's data is there (a cut inside the trailer leaves at most a part of it).
        if (_input.DeflateRanOut || (_input.SourceEnded && !_input.ContainsCrcOrLength(crc, length)))
        {
            throw Truncated();
        }

        throw new MailReadException(sourceName, _position,
            $"gzip CRC mismatch: the file is corrupt (the member starting at compressed byte {_memberStart} fails its CRC-32 or length check; the offset counts decompressed bytes)");
    }

    private async ValueTask RequireAsync(int count, CancellationToken ct)
    {
        if (!await _input.EnsureAsync(count, ct))
        {
            throw Truncated();
        }
    }

    private void TakeHeader(int count, Crc32 headerCrc)
    {
        headerCrc.Append(_input.Buffered[..count]);
        _input.Consume(count);
    }

    private async ValueTask SkipHeaderAsync(int count, Crc32 headerCrc, CancellationToken ct)
    {
        while (count > 0)
        {
            await RequireAsync(1, ct);
            var take = Math.Min(count, _input.Buffered.Length);
            TakeHeader(take, headerCrc);
            count -= take;
        }
    }

    /// <summary>FNAME and FCOMMENT are ISO 8859-1 text ended by a zero byte; their content does not matter here.</summary>
    private async ValueTask SkipZeroTerminatedAsync(Crc32 headerCrc, CancellationToken ct)
    {
        while (true)
        {
            await RequireAsync(1, ct);
            if (_input.Buffered.IndexOf((byte)0) is var zero and >= 0)
            {
                TakeHeader(zero + 1, headerCrc);
                return;
            }

            TakeHeader(_input.Buffered.Length, headerCrc);
        }
    }

    private MailReadException Truncated() => new(sourceName, _position,
        $"the gzip stream ends before its end: the file is truncated (it ends after {_input.BytesRead} compressed bytes; the offset counts decompressed bytes)");

    private MailReadException Corrupt(long compressedOffset, string problem) => new(sourceName, _position,
        $"{problem}: the file is corrupt (at compressed byte {compressedOffset}; the offset counts decompressed bytes)");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_deflate is not null)
        {
            await _deflate.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>
    /// The compressed bytes: a buffer over the source that the header parser reads directly and that DeflateStream reads
    /// as a stream. It keeps the last chunk handed to DeflateStream until the member's trailer has been found in it.
    /// </summary>
    private sealed class CompressedInput(Stream source) : Stream
    {
        private const int BufferSize = 64 * 1024;

        private byte[] _buffer = new byte[BufferSize];
        private long _bufferBase; // compressed offset of _buffer[0]
        private int _chunkStart;  // start of the last chunk handed to DeflateStream; bytes before it may be dropped
        private int _start;       // start of the bytes not yet consumed by the header parser or handed to DeflateStream
        private int _end;         // end of the bytes read from the source

        public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

        /// <summary>Compressed offset of <see cref="Buffered"/>.</summary>
        public long Offset => _bufferBase + _start;

        /// <summary>Compressed bytes read from the source so far.</summary>
        public long BytesRead => _bufferBase + _end;

        public bool SourceEnded { get; private set; }

        /// <summary>DeflateStream asked for more input after the source had ended: its deflate data is incomplete.</summary>
        public bool DeflateRanOut { get; private set; }

        public void Consume(int count)
        {
            _start += count;
            _chunkStart = _start;
        }

        public void StartDeflate()
        {
            _chunkStart = _start;
            DeflateRanOut = false;
        }

        /// <summary>True when at least <paramref name="count"/> bytes are buffered; false only when the source ends first.</summary>
        public async ValueTask<bool> EnsureAsync(int count, CancellationToken ct)
        {
            while (_end - _start < count)
            {
                if (!await FillAsync(ct))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads more from the source, keeping the bytes from <see cref="_chunkStart"/> on; false at its end.</summary>
        public async ValueTask<bool> FillAsync(CancellationToken ct)
        {
            if (SourceEnded)
            {
                return false;
            }

            if (_chunkStart == _end || _buffer.Length - _end < BufferSize / 2)
            {
                var keep = _end - _chunkStart;
                if (keep > _buffer.Length / 2)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                _buffer.AsSpan(_chunkStart, keep).CopyTo(_buffer);
                _bufferBase += _chunkStart;
                _start -= _chunkStart;
                _end = keep;
                _chunkStart = 0;
            }

            var read = await source.ReadAsync(_buffer.AsMemory(_end), ct);
            if (read == 0)
            {
                SourceEnded = true;
                return false;
            }

            _end += read;
            return true;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_start == _end)
            {
                // DeflateStream has used up its last chunk.
                _chunkStart = _start;
                if (!await FillAsync(cancellationToken))
                {
                    DeflateRanOut = true;
                    return 0;
                }
            }

            var count = Math.Min(buffer.Length, _end - _start);
            _buffer.AsSpan(_start, count).CopyTo(buffer.Span);
            _chunkStart = _start;
            _start += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>
        /// Finds the first place in the last chunk whose 8 bytes are <paramref name="crc"/> and <paramref name="length"/>
        /// and continues right after it, giving back what DeflateStream took beyond the trailer (the next member).
        /// </summary>
        public bool TryTakeTrailer(uint crc, uint length)
        {
            for (var at = _chunkStart; at <= Math.Min(_start, _end - TrailerLength); at++)
            {
                if (ReadUInt32(at) == crc && ReadUInt32(at + 4) == length)
                {
                    _start = at + TrailerLength;
                    _chunkStart = _start;
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether some place in the last chunk holds the member's CRC or its length: a trailer is there, but a wrong one.</summary>
        public bool ContainsCrcOrLength(uint crc, uint length)
        {
            for (var at = _chunkStart; at <= Math.Min(_start, _end - TrailerLength); at++)
            {
                if (ReadUInt32(at) == crc || ReadUInt32(at + 4) == length)
                {
                    return true;
                }
            }

            return false;
        }

        private uint ReadUInt32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(at, 4));

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
