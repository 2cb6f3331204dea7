using System.IO.Compression;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

/// <summary>The lore.kernel.org mboxrd exports in the shared corpus, read end to end.</summary>
public sealed class RealCorpusTests
{
    [Theory]
    [InlineData("zpci-series.mbox.gz", 621)]
    [InlineData("linux-s390-2022q2.mbox.gz", 3523)]
    public async Task Archive_yields_the_exact_message_count_and_every_message_parses(string archive, int count)
    {
        var rejected = new List<string>();
        var read = 0;
        await foreach (var envelope in MailReader.ReadAsync(MailFixtures.Corpus(archive), TestContext.Current.CancellationToken))
        {
            read++;
            if (MessageParser.Parse(envelope).RejectReason is { } reason)
            {
                rejected.Add($"{envelope.Location}: {reason}");
            }
        }

        Assert.Equal(count, read);
        Assert.Empty(rejected);
    }

    [Fact]
    public async Task Zpci_reply_from_Matthew_Rosato_parses_as_the_mail_says()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Corpus("zpci-series.mbox.gz"));
        var parsed = messages.Select(m => MessageParser.Parse(m).Message!).ToList();

        var reply = Assert.Single(parsed, m => m.MessageId == "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com");

        Assert.Equal("Re: [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks", reply.Subject);
        Assert.Equal(new Person("Matthew Rosato", "mjrosato@linux.ibm.com"), reply.From);
        Assert.Equal(["20220427150138.GA2512703@nvidia.com"], reply.InReplyTo);
        Assert.Equal(
            ["20220426200842.98655-1-mjrosato@linux.ibm.com", "20220426200842.98655-17-mjrosato@linux.ibm.com",
             "20220427140410.GX2125828@nvidia.com", "f6c78792-9cf7-0cde-f760-76166f9b7eb7@linux.ibm.com",
             "20220427150138.GA2512703@nvidia.com"],
            reply.References);
        Assert.Equal("Wed, 27 Apr 2022 11:26:40 -0400", reply.DateHeader);
        Assert.Equal(new DateTimeOffset(2022, 4, 27, 15, 26, 40, TimeSpan.Zero), reply.Date);
        Assert.Equal([new Person("Jason Gunthorpe", "jgg@nvidia.com")], reply.To);
        Assert.Equal(25, reply.Cc.Count);
        Assert.Equal("linux-s390.vger.kernel.org", reply.ListId);
        // Content-Type: text/plain; charset=UTF-8; format=flowed (Thunderbird 91.8.0)
        Assert.True(reply.IsFlowed);
        Assert.False(reply.DelSp);
        Assert.False(reply.MessageIdGenerated);
        Assert.StartsWith("On 4/27/22 11:01 AM, Jason Gunthorpe wrote:\n> On Wed, Apr 27, 2022", reply.BodyText, StringComparison.Ordinal);
        Assert.Contains("\nIt's about trying to avoid loading unnecessary code (or at least giving \na way to turn it off).\n", reply.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_the_zpci_messages_back_as_mboxrd_reproduces_the_archive_byte_for_byte()
    {
        var archive = Decompress(MailFixtures.Corpus("zpci-series.mbox.gz"));
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Corpus("zpci-series.mbox.gz"));

        var written = MailFixtures.WriteMboxrd(messages.Select(m => (MailFixtures.SeparatorAt(archive, m.Offset), m.Raw.ToArray())), "\n"u8.ToArray());

        // The archive has escaped body lines (">From ..."), so this also proves they were unescaped exactly once.
        Assert.Contains(messages, m => m.Raw.Span.IndexOf("\nFrom "u8) >= 0);
        Assert.Equal(archive.Length, written.Length);
        Assert.True(archive.AsSpan().SequenceEqual(written));
    }

    private static byte[] Decompress(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
