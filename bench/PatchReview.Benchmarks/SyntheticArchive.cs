using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using PatchReview.Core.Mail;

namespace PatchReview.Benchmarks;

/// <summary>
/// Builds an archive of any size from the real corpus, as if the list had gone on for more quarters: copy k of every
/// message gets its Message-ID and every id it names rewritten to <c>k.&lt;id&gt;</c>, its Date moved k quarters
/// later and " #k" added to its Subject. Each copy is new mail with its threads intact, and its series are new
/// series rather than more versions of the first copy's.
/// </summary>
static partial class SyntheticArchive
{
    public static async Task<int> WriteAsync(string corpus, string output, int messages)
    {
        var originals = new List<byte[]>();
        await foreach (var envelope in MailReader.ReadAsync(corpus))
        {
            originals.Add(envelope.Raw.ToArray());
        }
        await using var file = File.Create(output);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var written = 0;
        for (var copy = 0; written < messages; copy++)
        {
            foreach (var raw in originals)
            {
                if (written == messages)
                {
                    break;
                }
                await gzip.WriteAsync("From mboxrd@z Thu Jan  1 00:00:00 1970\n"u8.ToArray());
                await gzip.WriteAsync(EscapeFromLines(copy == 0 ? raw : Rewrite(raw, copy)));
                await gzip.WriteAsync("\n"u8.ToArray());
                written++;
            }
        }
        Console.WriteLine($"archive: {output} with {written} messages from {originals.Count} originals");
        return 0;
    }

    /// <summary>mboxrd: a line that starts with any number of '>' and then "From " gets one more '>'.</summary>
    static byte[] EscapeFromLines(byte[] raw)
    {
        var text = Encoding.Latin1.GetString(raw);
        return Encoding.Latin1.GetBytes(FromLine().Replace(text, ">$0"));
    }

    static byte[] Rewrite(byte[] raw, int copy)
    {
        var headerEnd = raw.AsSpan().IndexOf("\n\n"u8);
        var headers = Encoding.Latin1.GetString(raw, 0, headerEnd < 0 ? raw.Length : headerEnd);
        var rewritten = IdHeader().Replace(headers, header => Id().Replace(header.Value, id => $"<{copy}.{id.Groups[1].Value}>"));
        rewritten = SubjectHeader().Replace(rewritten, subject => $"{subject.Value.TrimEnd('\r')} #{copy}", 1);
        rewritten = DateHeader().Replace(rewritten, date => MimeKit.Utils.DateUtils.TryParse(date.Groups[1].Value, out var value)
            ? "Date: " + MimeKit.Utils.DateUtils.FormatDate(value.AddDays(91 * copy))
            : date.Value, 1);
        var bytes = Encoding.Latin1.GetBytes(rewritten);
        return headerEnd < 0 ? bytes : [.. bytes, .. raw.AsSpan(headerEnd)];
    }

    [GeneratedRegex(@"^(Message-ID|In-Reply-To|References):.*(\n[ \t].*)*", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex IdHeader();

    [GeneratedRegex(@"^Subject:.*(\n[ \t].*)*", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex SubjectHeader();

    [GeneratedRegex(@"^Date:(.*(?:\n[ \t].*)*)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex DateHeader();

    [GeneratedRegex(@"^>*From ", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"<([^<>\s]+)>")]
    private static partial Regex Id();
}
