using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// One gzip member built byte by byte (RFC 1952 section 2.3): header with the optional fields asked for, raw deflate
    /// data, then CRC-32 and ISIZE. <paramref name="level"/> NoCompression gives stored blocks, whose bytes are the content.
    /// </summary>
    private static byte[] GzipMember(
        byte[] content, byte[]? extra = null, string? name = null, string? comment = null, bool headerCrc = false,
        CompressionLevel level = CompressionLevel.Optimal)
    {
        var header = new List<byte> { 0x1f, 0x8b, 8, 0, 0x80, 0x4e, 0x72, 0x62, 0, 3 };
        if (extra is not null)
        {
            header[3] |= 0x04;
            header.AddRange([(byte)extra.Length, (byte)(extra.Length >> 8), .. extra]);
        }

        if (name is not null)
        {
            header[3] |= 0x08;
            header.AddRange([.. Encoding.Latin1.GetBytes(name), 0]);
        }

        if (comment is not null)
        {
            header[3] |= 0x10;
            header.AddRange([.. Encoding.Latin1.GetBytes(comment), 0]);
        }

        if (headerCrc)
        {
            header[3] |= 0x02;
            var crc16 = (ushort)Crc32.HashToUInt32([.. header]);
            header.AddRange([(byte)crc16, (byte)(crc16 >> 8)]);
        }

        using var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, level))
        {
            deflate.Write(content);
        }

        var trailer = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(content));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer.AsSpan(4), (uint)content.Length);
        return [.. header, .. deflated.ToArray(), .. trailer];
    }

    /// <summary>A generated mbox of <paramref name="count"/> small messages, large enough that cutting it lands inside deflate data.</summary>
    private static byte[] ManyMessages(int count) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i =>
        $"From mboxrd@z Thu Jan  1 00:00:00 1970\nFrom: Some One <someone@example.com>\nSubject: [PATCH {i}/{count}] s390: fix {i}\n"
        + $"Message-ID: <{i}@example.com>\n\nBody of patch {i}.\n\n")));

    [Fact]
    public async Task Gzip_is_detected_by_its_magic_bytes_even_in_a_file_named_txt()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var path = TempFile("archive.txt", Gzip(mbox));

        var messages = await MailFixtures.ReadAllAsync(path);
        var plain = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        Assert.Equal(plain.Select(m => m.Raw.ToArray()), messages.Select(m => m.Raw.ToArray()));
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
    public async Task Real_archive_cut_in_half_raises_a_MailReadException_naming_the_path_instead_of_reading_half()
    {
        // The most common broken archive is an interrupted download; GZipStream would quietly yield the first half.
        var gzip = File.ReadAllBytes(MailFixtures.Corpus("zpci-series.mbox.gz"));
        var path = TempFile("zpci-series-half.mbox.gz", gzip[..(gzip.Length / 2)]);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(path, error.Source);
        Assert.InRange(error.Offset, 1, 6_095_308 - 1); // zpci-series.mbox is 6,095,308 bytes; the half stops well inside it
        Assert.StartsWith($"{path} at byte {error.Offset}: the gzip stream ends before its end: the file is truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains($"after {gzip.Length / 2} compressed bytes; the offset counts decompressed bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_missing_the_last_four_bytes_of_its_trailer_is_truncated_after_all_its_data()
    {
        var mbox = ManyMessages(500);
        var gzip = Gzip(mbox);
        var path = TempFile("no-isize.mbox.gz", gzip[..^4]);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(mbox.Length, error.Offset);
        Assert.Contains("the file is truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_cut_at_any_byte_raises_a_MailReadException_saying_it_is_truncated()
    {
        var gzip = Gzip(MailFixtures.Bytes("mboxrd-from-lines.mbox"));

        // From just after the magic (shorter is not recognised as gzip) to one byte short, read in uneven pipe chunks.
        for (var length = 2; length < gzip.Length; length++)
        {
            var error = await Assert.ThrowsAsync<MailReadException>(() => ReadStreamAsync(new TrickleStream(gzip[..length], [1, 5, 64, 3]), "-"));

            Assert.Equal("-", error.Source);
            Assert.Contains("the file is truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Flipped_byte_in_stored_deflate_data_fails_the_crc_check()
    {
        // Stored (uncompressed) deflate blocks inflate without complaint whatever their bytes: only the CRC can tell.
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var gzip = GzipMember(mbox, level: CompressionLevel.NoCompression);
        gzip[gzip.AsSpan().IndexOf("Vasily"u8)] ^= 0x20;
        var path = TempFile("flipped-data.mbox.gz", gzip);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(path, error.Source);
        Assert.Equal(mbox.Length, error.Offset);
        Assert.StartsWith($"{path} at byte {mbox.Length}: gzip CRC mismatch: the file is corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flipped_byte_in_compressed_deflate_data_raises_a_MailReadException()
    {
        var gzip = Gzip(ManyMessages(500));
        gzip[gzip.Length / 2] ^= 0x01;
        var path = TempFile("flipped-deflate.mbox.gz", gzip);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(path, error.Source);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(5)]
    [InlineData(4)]
    [InlineData(1)]
    public async Task Flipped_byte_in_the_trailer_raises_a_MailReadException_saying_the_crc_mismatches(int fromEnd)
    {
        // 8..5 from the end are the CRC-32, 4..1 the ISIZE.
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var gzip = Gzip(mbox);
        gzip[^fromEnd] ^= 0x10;
        var path = TempFile("flipped-trailer.mbox.gz", gzip);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(mbox.Length, error.Offset);
        Assert.Contains("gzip CRC mismatch: the file is corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flipped_crc_of_the_first_of_two_members_raises_a_MailReadException_at_the_end_of_that_member()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var split = mbox.AsSpan().IndexOf("\n\nFrom mboxrd@z"u8) + 2;
        var first = Gzip(mbox[..split]);
        first[^8] ^= 0x01;
        var path = TempFile("bad-first-member.mbox.gz", [.. first, .. Gzip(mbox[split..])]);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(split, error.Offset);
        Assert.Contains("gzip CRC mismatch: the file is corrupt (the member starting at compressed byte 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concatenated_gzip_members_including_an_empty_one_are_read_fully_from_a_pipe_in_uneven_chunks()
    {
        var mbox = ManyMessages(300);
        var cuts = new[] { 0, 7000, 7000, 9001, mbox.Length };
        var members = cuts.Zip(cuts.Skip(1)).SelectMany(cut => Gzip(mbox[cut.First..cut.Second])).ToArray();

        var messages = await ReadStreamAsync(new TrickleStream(members, [1, 4096, 13, 9, 65536, 2]), "-");
        var plain = await ReadStreamAsync(new MemoryStream(mbox), "-");

        Assert.Equal(300, messages.Count);
        Assert.Equal(plain.Select(m => m.Raw.ToArray()), messages.Select(m => m.Raw.ToArray()));
        Assert.Equal(plain.Select(m => m.Offset), messages.Select(m => m.Offset));
    }

    [Fact]
    public async Task Trailing_zero_padding_after_the_last_member_is_accepted()
    {
        // tar-style padding to a 512-byte block; gzip(1) says "decompression OK, trailing zero bytes ignored".
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var path = TempFile("padded.mbox.gz", [.. Gzip(mbox), .. new byte[512]]);

        var messages = await MailFixtures.ReadAllAsync(path);
        var plain = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        Assert.Equal(plain.Select(m => m.Raw.ToArray()), messages.Select(m => m.Raw.ToArray()));
    }

    [Fact]
    public async Task Bytes_after_the_last_member_that_are_neither_a_member_nor_zeros_raise_a_MailReadException()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var gzip = Gzip(mbox);
        var path = TempFile("garbage.mbox.gz", [.. gzip, 0, 0, .. "junk"u8]);

        var error = await Assert.ThrowsAsync<MailReadException>(() => MailFixtures.ReadAllAsync(path));

        Assert.Equal(mbox.Length, error.Offset);
        Assert.Contains($"neither a member nor zero padding: the file is corrupt (at compressed byte {gzip.Length + 2}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_member_with_fextra_fname_fcomment_and_header_crc_is_read()
    {
        var mbox = MailFixtures.Bytes("mboxrd-from-lines.mbox");
        var split = mbox.AsSpan().IndexOf("\n\nFrom mboxrd@z"u8) + 2;
        // A BGZF-style extra subfield ("BC", length 2) and an ISO 8859-1 file name, then an ordinary member after it.
        var first = GzipMember(mbox[..split], extra: [(byte)'B', (byte)'C', 2, 0, 0x1b, 0x00], name: "linux-s390-2022q2 Müller.mbox",
            comment: "from lore.kernel.org", headerCrc: true);
        var path = TempFile("headers.mbox.gz", [.. first, .. Gzip(mbox[split..])]);

        var messages = await MailFixtures.ReadAllAsync(path);
        var plain = await MailFixtures.ReadAllAsync(MailFixtures.Path("mboxrd-from-lines.mbox"));

        Assert.Equal(plain.Select(m => m.Raw.ToArray()), messages.Select(m => m.Raw.ToArray()));
        Assert.Equal([0L, split], messages.Select(m => m.Offset));
    }

    [Fact]
    public async Task Gzip_header_crc_that_does_not_match_raises_a_MailReadException()
    {
        var gzip = GzipMember(MailFixtures.Bytes("single.eml"), name: "single.eml", headerCrc: true);
        gzip[10] ^= 0x01;

        var error = await Assert.ThrowsAsync<MailReadException>(() => ReadStreamAsync(new MemoryStream(gzip), "-"));

        Assert.Equal("- at byte 0: gzip header CRC mismatch: the file is corrupt (at compressed byte 21; the offset counts decompressed bytes)", error.Message);
    }

    [Fact]
    public async Task Truncated_gzip_on_a_stream_that_cannot_seek_raises_a_MailReadException_naming_standard_input()
    {
        var mbox = ManyMessages(500);
        var gzip = Gzip(mbox);

        var error = await Assert.ThrowsAsync<MailReadException>(() => ReadStreamAsync(new TrickleStream(gzip[..(gzip.Length * 3 / 4)], [4096]), "-"));

        Assert.Equal("-", error.Source);
        Assert.InRange(error.Offset, 1, mbox.Length - 1);
        Assert.Contains("the file is truncated", error.Message, StringComparison.Ordinal);
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
        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw.ToArray());
    }

    [Fact]
    public async Task Standard_input_stream_with_an_mbox_is_split_like_the_file()
    {
        var messages = await ReadStreamAsync(new MemoryStream(MailFixtures.Bytes("crlf.mbox")), "-");
        var fromFile = await MailFixtures.ReadAllAsync(MailFixtures.Path("crlf.mbox"));

        Assert.Equal(fromFile.Select(m => m.Raw.ToArray()), messages.Select(m => m.Raw.ToArray()));
        Assert.All(messages, m => Assert.Equal("-", m.Source));
    }

    [Fact]
    public async Task Standard_input_stream_with_one_message_is_one_envelope()
    {
        var message = Assert.Single(await ReadStreamAsync(new MemoryStream(MailFixtures.Bytes("single.eml")), "-"));

        Assert.Equal(new MailEnvelope("-", 0, null, message.Raw), message);
        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw.ToArray());
    }

    [Fact]
    public async Task Gzip_on_a_stream_that_cannot_seek_is_decompressed()
    {
        var gzip = Gzip(MailFixtures.Bytes("single.eml"));

        var message = Assert.Single(await ReadStreamAsync(new TrickleStream(gzip), "-"));

        Assert.Equal(MailFixtures.Bytes("single.eml"), message.Raw.ToArray());
    }

    [Fact]
    public async Task Empty_file_gzip_of_nothing_and_empty_standard_input_are_empty_mailboxes()
    {
        var emptyFile = TempFile("empty.mbox", []);
        var emptyGzip = TempFile("empty.mbox.gz", Gzip([]));

        Assert.Empty(await MailFixtures.ReadAllAsync(emptyFile));
        Assert.Empty(await MailFixtures.ReadAllAsync(emptyGzip));
        Assert.Empty(await ReadStreamAsync(new MemoryStream(), "-"));
    }

    [Fact]
    public async Task Stream_shorter_than_the_format_sniff_is_one_message()
    {
        var message = Assert.Single(await ReadStreamAsync(new MemoryStream("\x1f"u8.ToArray()), "-"));

        Assert.Equal([0x1f], message.Raw.ToArray());
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
    public async Task Maildir_messages_are_packed_into_one_shared_array()
    {
        var messages = await MailFixtures.ReadAllAsync(MailFixtures.Path("maildir"));

        var arrays = messages.Select(m => MemoryMarshal.TryGetArray(m.Raw, out var segment) ? segment.Array : null).ToList();
        Assert.Equal(2, arrays.Count);
        Assert.NotNull(arrays[0]);
        Assert.Same(arrays[0], arrays[1]);
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
        Assert.Equal(big, messages[0].Raw.ToArray());
        Assert.Equal(small, messages[1].Raw.ToArray());
        var parsed = MessageParser.Parse(messages[0]).Message!;
        Assert.Equal("The dump is attached.", parsed.BodyText);
        Assert.Equal("big@example.com", parsed.MessageId);
    }
}
