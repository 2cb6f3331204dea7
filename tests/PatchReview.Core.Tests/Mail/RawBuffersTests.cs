using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

/// <summary>
/// Readers pack raw bytes into shared slabs and reuse a slab once every message in it is released. What matters is
/// that a message not released keeps its bytes, whatever is read after it.
/// </summary>
public sealed class RawBuffersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Message <paramref name="index"/>: distinct bytes throughout, so that an overwrite cannot go unseen.</summary>
    private static string Message(int index, int bodyLength) =>
        $"Message-ID: <m{index}@example.org>\nSubject: message {index}\n\n" + string.Concat(Enumerable.Repeat($"{index:x6} ", bodyLength / 7)) + "\n";

    /// <summary>An mbox of <paramref name="count"/> messages of 8,044-8,048 bytes by default: 400 of them fill several slabs.</summary>
    private static MemoryStream Mbox(int count, int bodyLength = 8000) =>
        new(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => "From mboxrd@z Thu Jan  1 00:00:00 1970\n" + Message(i, bodyLength) + "\n"))));

    private static byte[] ArrayOf(MailEnvelope envelope)
    {
        Assert.True(MemoryMarshal.TryGetArray(envelope.Raw, out var segment));
        return segment.Array!;
    }

    [Fact]
    public async Task Slabs_of_released_messages_are_reused_and_held_messages_keep_their_bytes()
    {
        var held = new List<MailEnvelope>();
        var filled = new HashSet<byte[]>(ReferenceEqualityComparer.Instance);
        var refills = 0;
        var index = 0;
        await foreach (var envelope in MboxReader.ReadAsync(Mbox(400), "a.mbox", Ct))
        {
            Assert.Equal(Message(index, 8000), MailFixtures.Text(envelope));
            Assert.True(MemoryMarshal.TryGetArray(envelope.Raw, out var segment));
            if (segment.Offset == 0 && !filled.Add(segment.Array!))
            {
                refills++;
                Assert.DoesNotContain(held, h => ArrayOf(h) == segment.Array);
            }
            // The first ten messages are held; every later one is released as soon as it is read.
            if (index < 10)
            {
                held.Add(envelope);
            }
            else
            {
                envelope.Release();
            }
            index++;
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => Message(i, 8000)), held.Select(MailFixtures.Text));
        // A slab of 1 MB takes 130 of these 8,044-8,048-byte messages: the first slab stays held, and the second takes
        // messages 130-259, then is filled again with 260-389 and with 390-399.
        Assert.Equal(2, refills);
    }

    [Fact]
    public async Task Releasing_a_message_twice_gives_its_slab_back_once()
    {
        var kept = await ReadHoldingOneAsync(1, (_, envelope) =>
        {
            envelope.Release();
            envelope.Release();
        });

        Assert.Equal(Message(1, 8000), MailFixtures.Text(kept));
    }

    [Fact]
    public async Task A_copy_cannot_give_back_the_bytes_of_the_message_it_copies()
    {
        var kept = await ReadHoldingOneAsync(0, (index, envelope) =>
        {
            if (index == 0)
            {
                (envelope with { Source = "b.mbox" }).Release();
            }
            else
            {
                envelope.Release();
            }
        });

        Assert.Equal(Message(0, 8000), MailFixtures.Text(kept));
    }

    /// <summary>
    /// Reads 400 messages, keeping message <paramref name="keep"/> and giving every other to
    /// <paramref name="release"/> (message 0 too, after it is kept), and checks each message's bytes as it comes and
    /// that the kept message's slab is not filled again once the reader has left it.
    /// </summary>
    private static async Task<MailEnvelope> ReadHoldingOneAsync(int keep, Action<int, MailEnvelope> release)
    {
        MailEnvelope? kept = null;
        var left = false;
        var index = 0;
        await foreach (var envelope in MboxReader.ReadAsync(Mbox(400), "a.mbox", Ct))
        {
            Assert.Equal(Message(index, 8000), MailFixtures.Text(envelope));
            if (kept is not null)
            {
                var inKeptSlab = ArrayOf(envelope) == ArrayOf(kept);
                Assert.False(left && inKeptSlab, $"message {index} was written into the slab of a message still held");
                left |= !inKeptSlab;
            }
            if (index == keep)
            {
                kept = envelope;
            }
            if (index != keep || index == 0)
            {
                release(index, envelope);
            }
            index++;
        }

        return kept!;
    }

    [Fact]
    public async Task Messages_released_on_another_thread_keep_their_bytes_until_then()
    {
        // As in an import: the reader runs ahead while another thread checks each message and then releases it.
        var pending = Channel.CreateBounded<(int Index, MailEnvelope Envelope)>(200);
        var checker = Task.Run(async () =>
        {
            try
            {
                await foreach (var (index, envelope) in pending.Reader.ReadAllAsync(Ct))
                {
                    Assert.Equal(Message(index, 2000), MailFixtures.Text(envelope));
                    envelope.Release();
                }
            }
            catch (Exception failure)
            {
                // Stops the reader's writes too, which would otherwise wait for room forever.
                pending.Writer.TryComplete(failure);
                throw;
            }
        }, Ct);
        var read = 0;
        await foreach (var envelope in MboxReader.ReadAsync(Mbox(5000, bodyLength: 2000), "a.mbox", Ct))
        {
            if (!await pending.Writer.WaitToWriteAsync(Ct) || !pending.Writer.TryWrite((read++, envelope)))
            {
                break;
            }
        }
        pending.Writer.TryComplete();

        await checker;
        Assert.Equal(5000, read);
    }

    [Fact]
    public void Text_is_packed_as_utf8_and_kept_until_released()
    {
        var buffers = new RawBuffers();
        var kept = buffers.PackUtf8("Grüße, Jason\n");
        var released = buffers.PackUtf8(new string('x', 600_000));

        Assert.Equal("Grüße, Jason\n"u8.ToArray(), kept.Bytes.ToArray());
        Assert.Equal(600_000, released.Bytes.Length);
        released.Release();
        // A slab of 1 MB holds 4,000 such bodies: all land in the slab the first one holds, and none overwrites it.
        var more = Enumerable.Range(0, 4000).Select(i => buffers.PackUtf8($"body {i:d6}...")).ToList();
        Assert.Equal("Grüße, Jason\n"u8.ToArray(), kept.Bytes.ToArray());
        Assert.All(more.Select((m, i) => (m, i)), x => Assert.Equal(Encoding.UTF8.GetBytes($"body {x.i:d6}..."), x.m.Bytes.ToArray()));
    }

    [Fact]
    public void A_slab_of_packed_text_is_reused_once_all_its_text_is_released()
    {
        var buffers = new RawBuffers();
        string Body(char c) => new(c, 250_000);
        // Four fill the first 1 MB slab; the fifth opens a second, and the packer lets go of the first.
        var first = "abcd".Select(c => buffers.PackUtf8(Body(c))).ToList();
        var fifth = buffers.PackUtf8(Body('e'));
        Assert.True(MemoryMarshal.TryGetArray(first[0].Bytes, out var firstSlab));
        foreach (var packed in first)
        {
            packed.Release();
            packed.Release();
        }
        var second = "fgh".Select(c => buffers.PackUtf8(Body(c))).ToList();
        var reusing = buffers.PackUtf8(Body('i'));

        Assert.True(MemoryMarshal.TryGetArray(reusing.Bytes, out var reused));
        Assert.Same(firstSlab.Array, reused.Array);
        Assert.True(MemoryMarshal.TryGetArray(fifth.Bytes, out var secondSlab));
        Assert.All(second, p => Assert.True(MemoryMarshal.TryGetArray(p.Bytes, out var s) && s.Array == secondSlab.Array));
        Assert.Equal(Encoding.UTF8.GetBytes(Body('e')), fifth.Bytes.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(Body('i')), reusing.Bytes.ToArray());
    }

    [Fact]
    public void Envelope_equals_its_copy_whether_or_not_it_still_holds_its_slab()
    {
        var envelope = new RawBuffers().Pack("a.mbox", 0, null, "Subject: a\n\nbody\n"u8);
        var copy = envelope with { };
        var hash = envelope.GetHashCode();

        Assert.Equal(envelope, copy);
        envelope.Release();
        Assert.Equal(envelope, copy);
        Assert.Equal(hash, envelope.GetHashCode());
    }

    [Fact]
    public void Quarter_of_a_slab_is_the_largest_message_packed_and_a_larger_array_given_up_is_kept()
    {
        var buffers = new RawBuffers();
        var largest = new byte[RawBuffers.LargestPacked];
        var larger = new byte[RawBuffers.LargestPacked + 1];

        Assert.True(MemoryMarshal.TryGetArray(buffers.Pack("a", 0, null, largest).Raw, out var packed));
        Assert.NotSame(largest, packed.Array);
        Assert.True(packed.Array!.Length > largest.Length);
        Assert.True(MemoryMarshal.TryGetArray(buffers.Pack("a", 1, null, larger).Raw, out var kept));
        Assert.Same(larger, kept.Array);
        Assert.True(MemoryMarshal.TryGetArray(buffers.Pack("a", 2, null, larger.AsSpan()).Raw, out var copied));
        Assert.NotSame(larger, copied.Array);
        Assert.Equal(larger.Length, copied.Array!.Length);
    }

    [Fact]
    public async Task Message_larger_than_a_quarter_of_a_slab_gets_an_array_of_its_own()
    {
        var messages = await MailFixtures.ReadAllAsync(MboxReader.ReadAsync(Mbox(3, bodyLength: 300_000), "a.mbox", Ct));

        Assert.All(messages, m =>
        {
            Assert.True(MemoryMarshal.TryGetArray(m.Raw, out var segment));
            Assert.Equal((0, segment.Array!.Length), (segment.Offset, segment.Count));
        });
    }
}
