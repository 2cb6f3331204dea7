using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

public sealed class MboxReaderTests
{
    private static Task<List<MailEnvelope>> ReadAsync(byte[] mbox, string source = "test.mbox")
        => MailFixtures.ReadAllAsync(MboxReader.ReadAsync(new MemoryStream(mbox), source, TestContext.Current.CancellationToken));

    private static Task<List<MailEnvelope>> ReadAsync(string mbox) => ReadAsync(Encoding.UTF8.GetBytes(mbox));

    [Fact]
    public async Task Mboxrd_body_line_starting_with_From_is_unescaped_once()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        var body = MailFixtures.Text(messages[0]);
        Assert.Contains("\n\nFrom here the body starts with From.\n", body, StringComparison.Ordinal);
        Assert.Contains("\n>From this line keeps one quote.\n", body, StringComparison.Ordinal);
        Assert.Contains("\n>>From and this one keeps two.\n", body, StringComparison.Ordinal);
        Assert.Contains("\n> From a normal quote stays untouched.\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Line_starting_with_From_right_after_a_text_line_is_body_not_a_separator()
    {
        // Writers that forget to escape leave such lines; only "From " after an empty line starts a message.
        var messages = await ReadAsync("From a\nSubject: a\n\nApplied.\nFrom the maintainer tree.\n\nFrom b\nSubject: b\n\nb\n");

        Assert.Equal(["Subject: a\n\nApplied.\nFrom the maintainer tree.\n", "Subject: b\n\nb\n"], messages.Select(MailFixtures.Text));
    }

    [Fact]
    public async Task Raw_excludes_the_separator_line_and_the_empty_line_before_the_next_separator()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        var first = MailFixtures.Text(messages[0]);
        Assert.StartsWith("From: Heiko Carstens <hca@linux.ibm.com>\n", first, StringComparison.Ordinal);
        Assert.EndsWith("\n\nHeiko\n", first, StringComparison.Ordinal);
        Assert.StartsWith("From: Vasily Gorbik", MailFixtures.Text(messages[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offset_is_the_byte_offset_of_the_separator_line()
    {
        var file = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        var second = file.AsSpan().IndexOf("\n\nFrom mboxrd@z"u8) + 2;
        Assert.Equal([0L, second], messages.Select(m => m.Offset));
        Assert.All(messages, m => Assert.Equal(MailFixtures.Path("mboxrd-from-lines.mbox"), m.Source));
        Assert.All(messages, m => Assert.Null(m.BlobId));
    }

    [Fact]
    public async Task Mboxo_escaped_From_line_is_restored()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxo.mbox"));

        Assert.Equal(2, messages.Count);
        Assert.EndsWith("\n\nFrom the body, escaped by the writer.\n", MailFixtures.Text(messages[0]), StringComparison.Ordinal);
        Assert.Equal("From: Vasily Gorbik <gor@linux.ibm.com>\nSubject: Re: mboxo escaping\nMessage-ID: <mboxo-2@linux.ibm.com>\n\nSecond.\n", MailFixtures.Text(messages[1]));
    }

    [Fact]
    public async Task Crlf_mbox_splits_on_crlf_empty_lines_and_keeps_the_crlf_bytes()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("crlf.mbox"));

        Assert.Equal(2, messages.Count);
        Assert.Equal("From: Janosch Frank <frankja@linux.ibm.com>\r\nSubject: crlf one\r\nMessage-ID: <crlf-1@linux.ibm.com>\r\n\r\nFirst body.\r\nFrom escaped.\r\n", MailFixtures.Text(messages[0]));
        Assert.EndsWith("\r\n\r\nSecond body.\r\n", MailFixtures.Text(messages[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_last_message_is_yielded_as_it_is()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("truncated-last.mbox"));

        Assert.Equal(2, messages.Count);
        Assert.EndsWith("\n\nComplete.\n", MailFixtures.Text(messages[0]), StringComparison.Ordinal);
        Assert.EndsWith("\n\nThis body stops in the mid", MailFixtures.Text(messages[1]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mboxrd-from-lines.mbox", "\n")]
    [InlineData("crlf.mbox", "\r\n")]
    public async Task Writing_the_messages_back_as_mboxrd_reproduces_the_file_byte_for_byte(string fixture, string lineEnd)
    {
        var file = MailFixtures.Bytes(fixture);
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path(fixture));

        var written = MailFixtures.WriteMboxrd(messages.Select(m => (MailFixtures.SeparatorAt(file, m.Offset), m.Raw.ToArray())), Encoding.ASCII.GetBytes(lineEnd));

        Assert.Equal(file, written);
    }

    [Fact]
    public async Task Messages_are_the_same_whatever_sizes_the_reads_come_in()
    {
        var (mbox, expected) = BuildLargeMbox(messageCount: 2000);

        var whole = await ReadAsync(mbox);
        var trickled = await MailFixtures.ReadAllAsync(MboxReader.ReadAsync(
            new TrickleStream(mbox, [1, 7, 4096, 65_537, 3, 262_145, 13]), "chunked.mbox", TestContext.Current.CancellationToken));

        Assert.Equal(expected.Count, whole.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Offset, whole[i].Offset);
            Assert.Equal(expected[i].Raw.ToArray(), whole[i].Raw.ToArray());
            Assert.Equal(expected[i].Offset, trickled[i].Offset);
            Assert.Equal(expected[i].Raw.ToArray(), trickled[i].Raw.ToArray());
        }
    }

    [Fact]
    public async Task Line_longer_than_the_read_buffer_is_kept_whole()
    {
        var longLine = new string('A', 700_000);
        var mbox = $"From a\nSubject: long\n\n{longLine}\n\nFrom b\nSubject: next\n\nnext\n";
        var messages = await ReadAsync(mbox);

        Assert.Equal(2, messages.Count);
        Assert.Equal($"Subject: long\n\n{longLine}\n", MailFixtures.Text(messages[0]));
        Assert.Equal(mbox.IndexOf("From b", StringComparison.Ordinal), messages[1].Offset);
    }

    [Fact]
    public async Task Empty_stream_yields_no_message()
    {
        Assert.Empty(await ReadAsync(""));
    }

    [Fact]
    public async Task Empty_message_between_two_separators_is_yielded_empty_for_the_parser_to_reject()
    {
        var messages = await ReadAsync("From a\n\nFrom b\nSubject: b\n\nbody\n");

        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].Raw.IsEmpty);
        Assert.Equal("empty message", MessageParser.Parse(messages[0]).RejectReason);
        Assert.Equal("Subject: b\n\nbody\n", MailFixtures.Text(messages[1]));
    }

    [Fact]
    public async Task Text_before_the_first_separator_is_kept_as_a_message_at_offset_0()
    {
        const string mbox = "Subject: stray\n\nstray\n\nFrom a\nSubject: a\n\nbody\n";
        var messages = await ReadAsync(mbox);

        Assert.Equal(["Subject: stray\n\nstray\n", "Subject: a\n\nbody\n"], messages.Select(MailFixtures.Text));
        Assert.Equal([0L, mbox.IndexOf("From a", StringComparison.Ordinal)], messages.Select(m => m.Offset));
    }

    /// <summary>An mbox with varied message sizes, LF and CRLF, and escaped From lines near every buffer boundary.</summary>
    private static (byte[] Mbox, List<(long Offset, byte[] Raw)> Expected) BuildLargeMbox(int messageCount)
    {
        using var mbox = new MemoryStream();
        var expected = new List<(long, byte[])>();
        for (var i = 0; i < messageCount; i++)
        {
            var eol = i % 5 == 0 ? "\r\n" : "\n";
            var filler = new string((char)('a' + (i % 26)), (i * 37) % 900);
            var raw = $"Subject: message {i}{eol}Message-ID: <{i}@example.com>{eol}{eol}{filler}{eol}From inside body {i}{eol}>From quoted {i}{eol}{eol}end{eol}";
            var escaped = raw.Replace($"{eol}From inside", $"{eol}>From inside", StringComparison.Ordinal)
                .Replace($"{eol}>From quoted", $"{eol}>>From quoted", StringComparison.Ordinal);
            expected.Add((mbox.Position, Encoding.ASCII.GetBytes(raw)));
            mbox.Write(Encoding.ASCII.GetBytes($"From mboxrd@z Thu Jan  1 00:00:00 1970{eol}{escaped}{eol}"));
        }

        return (mbox.ToArray(), expected);
    }
}
