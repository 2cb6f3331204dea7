using System.Runtime.CompilerServices;

namespace PatchReview.Core.Mail;

/// <summary>
/// Reads a Maildir: every file in <c>cur/</c> and <c>new/</c> is one message. <c>tmp/</c> holds deliveries still being
/// written and is skipped. Example: <c>~/Mail/lkml/cur/1651067200.M1P2.host:2,S</c> becomes an envelope whose
/// source is that path, at offset 0.
/// </summary>
public static class MaildirReader
{
    /// <summary>Reads the messages ordered by file name (ordinal), which for Maildir names is delivery-time order.</summary>
    public static async IAsyncEnumerable<MailEnvelope> ReadAsync(string directory, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var buffers = new RawBuffers();
        foreach (var file in ListMessageFiles(directory))
        {
            byte[] raw;
            try
            {
                raw = await File.ReadAllBytesAsync(file, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MailReadException(file, 0, $"cannot read the message file: {ex.Message}", ex);
            }

            yield return buffers.Pack(file, 0, null, raw);
        }
    }

    private static List<string> ListMessageFiles(string directory)
    {
        var files = new List<string>();
        foreach (var folder in (string[])["cur", "new"])
        {
            var path = Path.Combine(directory, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            try
            {
                // Names starting with a dot are not deliveries (Maildir spec, cr.yp.to/proto/maildir.html).
                files.AddRange(Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MailReadException(path, 0, $"cannot list the Maildir folder: {ex.Message}", ex);
            }
        }

        files.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(Path.GetFileName(a), Path.GetFileName(b));
            return byName != 0 ? byName : string.CompareOrdinal(a, b);
        });
        return files;
    }
}
