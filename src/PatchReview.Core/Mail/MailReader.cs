using System.Runtime.CompilerServices;

namespace PatchReview.Core.Mail;

/// <summary>
/// Reads any archive a list comes in, one message at a time: mbox (mboxrd, mboxo, CRLF), gzip-compressed or not,
/// a single .eml, standard input, a Maildir, a public-inbox v2 inbox or one of its git epochs.
/// Example: <c>await foreach (var mail in MailReader.ReadAsync("linux-s390-2022q2.mbox.gz", ct))</c> yields 3523 envelopes.
/// </summary>
public static class MailReader
{
    private const int FileBufferSize = 64 * 1024;
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> MboxStart => "From "u8;

    /// <summary>
    /// Reads the archive at <paramref name="path"/>; <c>-</c> means standard input. Directories are told apart by their
    /// layout (Maildir <c>cur/</c> or <c>new/</c>, public-inbox <c>git/N.git</c>, bare git repository), files by content.
    /// </summary>
    /// <exception cref="MailReadException">The path does not exist, is not a recognisable archive, or cannot be read to its end.</exception>
    public static async IAsyncEnumerable<MailEnvelope> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var messages = path == "-" ? ReadStandardInputAsync(ct)
            : Directory.Exists(path) ? ReadDirectory(path, ct)
            : File.Exists(path) ? ReadFileAsync(path, ct)
            : throw new MailReadException(path, 0, "no such file or directory");
        await foreach (var message in messages)
        {
            yield return message;
        }
    }

    /// <summary>
    /// Reads an archive from a stream: gzip is recognised by its magic bytes <c>1f 8b</c> (RFC 1952), never by a file
    /// name, and may hold several concatenated members, each checked against its CRC-32 and length; the content is an
    /// mbox when it starts with <c>From </c>, otherwise one message. Nothing at all is an empty mailbox: an mbox holds
    /// no message until its first <c>From </c> line, and a list archive or a mail spool can be created empty.
    /// </summary>
    public static async IAsyncEnumerable<MailEnvelope> ReadAsync(
        Stream input, string sourceName, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceName);
        var magic = await ReadHeadAsync(input, GzipMagic.Length, sourceName, ct);
        Stream content = new ReplayStream(magic, input);
        // Not GZipStream: it ends quietly where a truncated file ends. GzipMemberStream checks every member's trailer.
        await using var gzip = magic.AsSpan().SequenceEqual(GzipMagic) ? new GzipMemberStream(content, sourceName) : null;
        content = gzip ?? content;

        var start = await ReadHeadAsync(content, MboxStart.Length, sourceName, ct);
        content = new ReplayStream(start, content);
        if (start.Length == 0)
        {
            yield break;
        }
        if (start.AsSpan().SequenceEqual(MboxStart))
        {
            await foreach (var message in MboxReader.ReadAsync(content, sourceName, ct))
            {
                yield return message;
            }
        }
        else
        {
            yield return new MailEnvelope(sourceName, 0, null, await ReadToEndAsync(content, sourceName, ct));
        }
    }

    /// <summary>One read, with a failing stream (corrupt gzip, I/O error) reported as a <see cref="MailReadException"/> at <paramref name="offset"/>.</summary>
    internal static async ValueTask<int> ReadSomeAsync(Stream input, Memory<byte> buffer, string sourceName, long offset, CancellationToken ct)
    {
        try
        {
            return await input.ReadAsync(buffer, ct);
        }
        catch (InvalidDataException ex)
        {
            throw new MailReadException(sourceName, offset, $"the gzip data is corrupt: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new MailReadException(sourceName, offset, $"reading failed: {ex.Message}", ex);
        }
    }

    private static async IAsyncEnumerable<MailEnvelope> ReadStandardInputAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var input = Console.OpenStandardInput();
        await foreach (var message in ReadAsync(input, "-", ct))
        {
            yield return message;
        }
    }

    private static async IAsyncEnumerable<MailEnvelope> ReadFileAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailReadException(path, 0, $"cannot open the file: {ex.Message}", ex);
        }

        await using (file)
        {
            await foreach (var message in ReadAsync(file, path, ct))
            {
                yield return message;
            }
        }
    }

    private static IAsyncEnumerable<MailEnvelope> ReadDirectory(string path, CancellationToken ct)
    {
        if (Directory.Exists(Path.Combine(path, "cur")) || Directory.Exists(Path.Combine(path, "new")))
        {
            return MaildirReader.ReadAsync(path, ct);
        }

        if (PublicInboxReader.FindEpochs(path).Count > 0)
        {
            return PublicInboxReader.ReadInboxAsync(path, ct);
        }

        if (File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects")))
        {
            return PublicInboxReader.ReadEpochAsync(path, ct);
        }

        throw new MailReadException(path, 0,
            "not a recognisable archive: a directory must be a Maildir (cur/, new/), a public-inbox v2 inbox (git/0.git) or a bare git repository");
    }

    /// <summary>Up to <paramref name="count"/> bytes from the start of the stream; fewer only when the stream is shorter.</summary>
    private static async ValueTask<byte[]> ReadHeadAsync(Stream input, int count, string sourceName, CancellationToken ct)
    {
        var head = new byte[count];
        var length = 0;
        int read;
        while (length < count && (read = await ReadSomeAsync(input, head.AsMemory(length), sourceName, length, ct)) > 0)
        {
            length += read;
        }

        return length == count ? head : head[..length];
    }

    private static async ValueTask<byte[]> ReadToEndAsync(Stream input, string sourceName, CancellationToken ct)
    {
        using var content = new MemoryStream();
        var buffer = new byte[FileBufferSize];
        int read;
        while ((read = await ReadSomeAsync(input, buffer, sourceName, content.Length, ct)) > 0)
        {
            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }
}
