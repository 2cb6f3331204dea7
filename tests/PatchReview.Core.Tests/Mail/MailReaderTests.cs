using System.IO.Compression;
using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

public sealed class MailReaderTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("patchreview-mail-");

    public void Dispose() => _temp.Delete(recursive: true);

    private string TempFile(string name, byte[] content)
    {
        var path = Path.Combine(_temp.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    private static async Task<List<MailEnvelope>> ReadStreamAsync(Stream input, string sourceName)
        => await MailFixtures.ReadAllAsync(MailReader.ReadAsync(input, sourceName, TestContext.Current.CancellationToken));

    [Fact]
    public async Task Gzip_is_detected_by_its_magic_bytes_even_in_a_file_named_txt()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var path = TempFile("archive.txt", Gzip(mbox));

        var messages = await MailFixtures.ReadAllAsync(path);
        var plain = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        Assert.Equal(plain.Select(m => m.Raw), messages.Select(m => m.Raw));
        Assert.Equal(plain.Select(m => m.Offset), messages.Select(m => m.Offset));
        Assert.All(messages, m => Assert.Equal(path, m.Source));
    }

    [Fact]
    public async Task File_named_gz_that_is_not_gzip_is_read_as_a_plain_mbox()
    {
        var path = TempFile("archive.mbox.gz", MailFixtures.Bytes("mboxo.mbox"));

        var messages = await MailFixtures.ReadAllAsync(path);

        Assert.Equal(2, messages.Count);
        Assert.StartsWith("From: Heiko Carstens", MailFixtures.Text(messages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concatenated_gzip_members_are_read_as_one_stream()
    {
        // `cat a.mbox.gz b.mbox.gz` and pigz give one file of several gzip members (RFC 1952 section 2.2).
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var split = mbox.AsSpan().IndexOf("\n\nFrom mboxrd@z"u8) + 2;
        var path = TempFile("two-members.mbox.gz", [.. Gzip(mbox[..split]), .. Gzip(mbox[split..])]);

        var messages = await MailFixtures.ReadAllAsync(path);

        Assert.Equal([0L, split], messages.Select(m => m.Offset));
        Assert.StartsWith("From: Vasily Gorbik", MailFixtures.Text(messages[1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_gzip_raises_a_MailReadException_naming_the_source_and_offset()
    {
        var gzip = Gzip(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("From a\nSubject: x\n\nbody\n\n", 2000))));
        for (var i = 20; i < gzip.Length - 8; i += 7)
        {
            gzip[i] ^= 0x5a;
        }

        var path = TempFile("corrupt.mbox.gz", gzip);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(path, error.Source);
        Assert.StartsWith($"{path} at byte {error.Offset}: the gzip data is corrupt", error.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public async Task Failing_stream_raises_a_MailReadException_at_the_offset_reached()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");

        var error = await Assert.ThrowsAsync<MailReadException>(() => ReadStreamAsync(new TrickleStream(mbox, failAfter: 100), "-"));

        Assert.Equal("-", error.Source);
        Assert.Equal(100, error.Offset);
        Assert.IsType<IOException>(error.InnerException);
    }

    [Fact]
    public async Task Missing_path_raises_a_MailReadException_naming_the_path()
    {
        var path = Path.Combine(_temp.FullName, "no-such.mbox");

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal($"{path} at byte 0: no such file or directory", error.Message);
    }

    [Fact]
    public async Task Directory_that_is_no_archive_raises_a_MailReadException()
    {
        Directory.CreateDirectory(Path.Combine(_temp.FullName, "photos"));

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(Path.Combine(_temp.FullName, "photos")));

        Assert.Contains("not a recognisable archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_eml_file_is_one_message_at_offset_0()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("single.eml"));

        var message = Assert.Single(messages);
        Assert.Equal(MailFixtures.Path("single.eml"), message.Source);
        Assert.Equal(0, message.Offset);
        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw);
    }

    [Fact]
    public async Task Standard_input_stream_with_an_mbox_is_split_like_the_file()
    {
        var messages = await ReadStreamAsync(new MemoryStream(MailFixtures.Bytes("crlf.mbox")), "-");
        var fromFile = await MailFixtures.ReadAllAsync(MailFixtures.Path("crlf.mbox"));

        Assert.Equal(fromFile.Select(m => m.Raw), messages.Select(m => m.Raw));
        Assert.All(messages, m => Assert.Equal("-", m.Source));
    }

    [Fact]
    public async Task Standard_input_stream_with_one_message_is_one_envelope()
    {
        var message = Assert.Single(await ReadStreamAsync(new MemoryStream(MailFixtures.Bytes("single.eml")), "-"));

        Assert.Equal(new MailEnvelope("-", 0, null, message.Raw), message);
        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw);
    }

    [Fact]
    public async Task Gzip_on_a_stream_that_cannot_seek_is_decompressed()
    {
        var gzip = Gzip(MailFixtures.Bytes("single.eml"));

        var message = Assert.Single(await ReadStreamAsync(new TrickleStream(gzip), "-"));

        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw);
    }

    [Fact]
    public async Task Stream_shorter_than_the_format_sniff_is_one_message()
    {
        var message = Assert.Single(await ReadStreamAsync(new MemoryStream("\x1f"u8.ToArray()), "-"));

        Assert.Equal([0x1f], message.Raw);
    }

    [Fact]
    public async Task Maildir_reads_cur_and_new_in_file_name_order_and_skips_tmp()
    {
        var maildir = MailFixtures.Path("maildir");

        var messages = await MailFixtures.ReadAllAsync(maildir);

        Assert.Equal(
            [Path.Combine(maildir, "new", "1651568300.M1P100.example"), Path.Combine(maildir, "cur", "1651568400.M1P100.example,S=120")],
            messages.Select(m => m.Source));
        Assert.All(messages, m => Assert.Equal(0, m.Offset));
        Assert.Contains("In new.", MailFixtures.Text(messages[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(messages, m => MailFixtures.Text(m).Contains("maildir tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_megabyte_attachment_is_one_message_with_all_its_bytes_and_its_text_body()
    {
        var attachment = new byte[20 * 1024 * 1024];
        new Random(20220503).NextBytes(attachment);
        var base64 = Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal);
        var big = Encoding.ASCII.GetBytes(
            "From: Some One <someone@example.com>\nSubject: firmware dump\nMessage-ID: <big@example.com>\nMIME-Version: 1.0\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nThe dump is attached.\n"
            + "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"dump.bin\"\nContent-Transfer-Encoding: base64\n\n"
            + base64 + "\n--b--\n");
        var small = "From: Some One <someone@example.com>\nSubject: after\nMessage-ID: <after@example.com>\n\nAfter.\n"u8.ToArray();
        var separator = "From mboxrd@z Thu Jan  1 00:00:00 1970\n"u8.ToArray();
        var path = TempFile("big.mbox.gz", Gzip([.. separator, .. big, (byte)'\n', .. separator, .. small, (byte)'\n']));

        var messages = await MailFixtures.ReadAllAsync(path);

        Assert.Equal(2, messages.Count);
        Assert.Equal(big, messages[0].Raw);
        Assert.Equal(small, messages[1].Raw);
        var parsed = MessageParser.Parse(messages[0]).Message!;
        Assert.Equal("The dump is attached.", parsed.BodyText);
        Assert.Equal("big@example.com", parsed.MessageId);
    }
}
