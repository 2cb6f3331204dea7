using System.Runtime.InteropServices;
using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

/// <summary>
/// Readers pack raw bytes into shared buffers and reuse a buffer once every message in it is released. What matters
/// is that a message not released keeps its bytes, whatever is read after it.
/// </summary>
public sealed class RawBuffersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Message <paramref name="index"/>: distinct bytes throughout, so that an overwrite cannot go unseen.</summary>
    private static string Message(int index, int bodyLength) =>
        $"Message-ID: <m{index}@example.org>\nSubject: message {index}\n\n" + string.Concat(Enumerable.Repeat($"{index:x6} ", bodyLength / 7)) + "\n";

    /// <summary>An mbox of <paramref name="count"/> messages of about 8 KB: 400 of them fill several buffers.</summary>
    private static MemoryStream Mbox(int count, int bodyLength = 8000) =>
        new(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i => "From mboxrd@z Thu Jan  1 00:00:00 1970\n" + Message(i, bodyLength) + "\n"))));

    private static byte[] ArrayOf(MailEnvelope envelope)
    {
        Assert.True(MemoryMarshal.TryGetArray(envelope.Raw, out var segment));
        return segment.Array!;
    }

    [Fact]
    public async Task Buffers_of_released_messages_are_reused_and_held_messages_keep_their_bytes()
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
        // 400 messages of about 8 KB fill three 1 MB buffers: the first is held, the others are filled again and again.
        Assert.True(refills >= 2, $"buffers were filled again {refills} times");
    }

    [Fact]
    public async Task Releasing_a_message_twice_gives_its_buffer_back_once()
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
    /// that the kept message's buffer is not filled again once the reader has left it.
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
                var inKeptBuffer = ArrayOf(envelope) == ArrayOf(kept);
                Assert.False(left && inKeptBuffer, $"message {index} was written into the buffer of a message still held");
                left |= !inKeptBuffer;
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
    public async Task Message_larger_than_a_quarter_of_a_buffer_gets_an_array_of_its_own()
    {
        var messages = await MailFixtures.ReadAllAsync(MboxReader.ReadAsync(Mbox(3, bodyLength: 300_000), "a.mbox", Ct));

        Assert.All(messages, m =>
        {
            Assert.True(MemoryMarshal.TryGetArray(m.Raw, out var segment));
            Assert.Equal((0, segment.Array!.Length), (segment.Offset, segment.Count));
        });
    }
}
