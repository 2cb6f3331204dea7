using System.Text;
using PatchReview.Core.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Mail;

/// <summary>Where the mail fixtures and the shared real corpus are, and small ways to read them.</summary>
internal static class MailFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "mail", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    public static MailEnvelope Envelope(string name) => new(Path(name), 0, null, Bytes(name));

    public static ParsedMessage Parse(string name)
    {
        var result = MessageParser.Parse(Envelope(name));
        Assert.Null(result.RejectReason);
        return result.Message!;
    }

    /// <summary>The shared corpus, reached from the repository root (the directory holding PatchReview.sln) as ../shared/corpus/.</summary>
    public static string Corpus(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "PatchReview.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "corpus", name));
        Assert.True(File.Exists(path), $"The real corpus is missing: expected {path}, i.e. ../shared/corpus/{name} beside the repository root.");
        return path;
    }

    public static async Task<List<MailEnvelope>> ReadAllAsync(IAsyncEnumerable<MailEnvelope> messages)
    {
        var all = new List<MailEnvelope>();
        await foreach (var message in messages)
        {
            all.Add(message);
        }

        return all;
    }

    public static Task<List<MailEnvelope>> ReadAllAsync(string path)
        => ReadAllAsync(MailReader.ReadAsync(path, TestContext.Current.CancellationToken));

    public static string Text(MailEnvelope envelope) => Encoding.UTF8.GetString(envelope.Raw.Span);

    /// <summary>
    /// Writes messages back as mboxrd, the way lore does: separator line, body with every ^&gt;*From line given one
    /// more '&gt;', then an empty line. Used to check that reading loses and invents no byte.
    /// </summary>
    public static byte[] WriteMboxrd(IEnumerable<(byte[] Separator, byte[] Raw)> messages, byte[] lineEnd)
    {
        using var output = new MemoryStream();
        foreach (var (separator, raw) in messages)
        {
            output.Write(separator);
            var rest = raw.AsSpan();
            while (!rest.IsEmpty)
            {
                var newline = rest.IndexOf((byte)'\n');
                var line = newline < 0 ? rest : rest[..(newline + 1)];
                var quotes = line.IndexOfAnyExcept((byte)'>');
                if (quotes >= 0 && line[quotes..].StartsWith("From "u8))
                {
                    output.WriteByte((byte)'>');
                }

                output.Write(line);
                rest = rest[line.Length..];
            }

            output.Write(lineEnd);
        }

        return output.ToArray();
    }

    /// <summary>The separator line (with its line end) that starts at <paramref name="offset"/> in <paramref name="mbox"/>.</summary>
    public static byte[] SeparatorAt(byte[] mbox, long offset)
    {
        var line = mbox.AsSpan((int)offset);
        Assert.True(line.StartsWith("From "u8), $"no separator at byte {offset}");
        return line[..(line.IndexOf((byte)'\n') + 1)].ToArray();
    }
}
