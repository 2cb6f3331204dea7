using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// Holds the raw bytes of a reader's messages packed into large reused slabs. An import keeps each message for
/// several batches (read, parsed, saved), long enough to outlive two collections: held in an array of its own, every
/// message's bytes were copied to generation 1 and again to generation 2, to die there, and the collector's pauses
/// stopped the writer for a fifth of the batch phase. A slab is large and lives as long as its reader, so the
/// collector leaves it where it is; it goes back to the reader once every message cut from it is released
/// (<see cref="MailEnvelope.Release"/>). Messages never released simply leave their slab to the collector. On the
/// 52,845-message benchmark into PostgreSQL the steady state went from 3,125-3,152 to 3,539-3,568 msgs/s.
/// The importer packs the decoded bodies it keeps until a batch commits the same way (<see cref="PackUtf8"/>).
/// One packer at a time: a buffer shared by several threads is packed under a lock.
/// </summary>
public sealed class RawBuffers
{
    private const int SlabSize = 1024 * 1024;

    /// <summary>Larger messages (attachments) keep an array of their own: packing them would waste slab space.</summary>
    internal const int LargestPacked = SlabSize / 4;

    /// <summary>
    /// At most 32 MB kept for reuse. A commit hands back about one batch's worth (4 MB and one message), and an
    /// import holds about five batches at once, so the reader seldom finds the stack empty or full.
    /// </summary>
    private const int MaxIdle = 32;

    private readonly Stack<Slab> _idle = new();
    private Slab? _current;

    /// <summary>The envelope of a message, its bytes copied into a slab (or, when large, into an array of their own).</summary>
    public MailEnvelope Pack(string source, long offset, string? blobId, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > LargestPacked)
        {
            return new MailEnvelope(source, offset, blobId, bytes.ToArray());
        }
        var (slab, packed) = Reserve(bytes.Length);
        bytes.CopyTo(packed.Span);
        return new MailEnvelope(source, offset, blobId, packed, slab);
    }

    /// <summary>Text encoded as UTF-8 into a slab (or, when large, into an array of its own).</summary>
    public PackedBytes PackUtf8(ReadOnlySpan<char> text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > LargestPacked)
        {
            var own = new byte[length];
            Encoding.UTF8.GetBytes(text, own);
            return new PackedBytes(own, null);
        }
        var (slab, packed) = Reserve(length);
        Encoding.UTF8.GetBytes(text, packed.Span);
        return new PackedBytes(packed, slab);
    }

    /// <summary>Room for <paramref name="length"/> bytes in the current slab, or in a fresh one, held for the caller.</summary>
    private (Slab Slab, Memory<byte> Room) Reserve(int length)
    {
        if (_current is null || SlabSize - _current.Used < length)
        {
            _current?.Release();
            _current = Rent();
        }
        var slab = _current;
        var start = slab.Used;
        slab.Used += length;
        slab.Hold();
        return (slab, slab.Data.AsMemory(start, length));
    }

    /// <summary>As <see cref="Pack(string, long, string, ReadOnlySpan{byte})"/>, for bytes the caller gives up: a large message keeps its array.</summary>
    public MailEnvelope Pack(string source, long offset, string? blobId, byte[] owned) =>
        owned.Length > LargestPacked ? new MailEnvelope(source, offset, blobId, owned) : Pack(source, offset, blobId, owned.AsSpan());

    private Slab Rent()
    {
        lock (_idle)
        {
            if (_idle.TryPop(out var idle))
            {
                return idle;
            }
        }
        return new Slab(this, GC.AllocateUninitializedArray<byte>(SlabSize));
    }

    private void Return(Slab slab)
    {
        lock (_idle)
        {
            if (_idle.Count < MaxIdle)
            {
                _idle.Push(slab);
            }
        }
    }

    /// <summary>One slab and the count of those holding it: what was packed into it, and the packer while it fills it.</summary>
    internal sealed class Slab(RawBuffers owner, byte[] data)
    {
        private int _holders = 1;

        public byte[] Data { get; } = data;

        /// <summary>
        /// Written by the packer only, while it holds the slab; reset by whoever releases the last hold, which can
        /// only be after the packer has moved on. The idle stack's lock orders the reset before the next fill.
        /// </summary>
        public int Used { get; set; }

        public void Hold() => Interlocked.Increment(ref _holders);

        public void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0)
            {
                Used = 0;
                _holders = 1;
                owner.Return(this);
            }
        }
    }
}

/// <summary>
/// Bytes packed by <see cref="RawBuffers.PackUtf8"/>: valid until released (<see cref="Release"/>), after which the
/// slab they lie in may be filled again. Bytes never released simply leave their slab to the collector.
/// </summary>
public sealed class PackedBytes
{
    private RawBuffers.Slab? _slab;

    internal PackedBytes(ReadOnlyMemory<byte> bytes, RawBuffers.Slab? slab) => (Bytes, _slab) = (bytes, slab);

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>Gives the bytes back for reuse: <see cref="Bytes"/> must not be read afterwards. Once is enough.</summary>
    public void Release() => Interlocked.Exchange(ref _slab, null)?.Release();
}
