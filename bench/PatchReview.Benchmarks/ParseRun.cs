using System.Diagnostics;
using PatchReview.Core.Mail;
using PatchReview.Core.Series;

namespace PatchReview.Benchmarks;

/// <summary>
/// What the importer does to each new message before it is stored, on one core and without a database: the
/// fingerprint, the MIME parse and the series facts (patch id, sketches, trailers, references). The archive is read
/// into memory first; each pass then works through all of it, and the fastest pass is the figure, for the first ones
/// pay for compiling the code and this machine's speed drifts between passes.
/// </summary>
static class ParseRun
{
    public static async Task<int> RunAsync(string archive, int passes)
    {
        var envelopes = new List<MailEnvelope>();
        long bytes = 0;
        await foreach (var envelope in MailReader.ReadAsync(archive))
        {
            // The reader's buffers are reused once released, so each message is copied out of them.
            envelopes.Add(new MailEnvelope(envelope.Source, envelope.Offset, envelope.BlobId, envelope.Raw.ToArray()));
            bytes += envelope.Raw.Length;
            envelope.Release();
        }

        var best = TimeSpan.MaxValue;
        long allocated = 0;
        var patches = 0;
        for (var pass = 1; pass <= passes; pass++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            patches = 0;
            foreach (var envelope in envelopes)
            {
                var result = MessageParser.Parse(envelope, MessageFingerprint.Compute(envelope.Raw.Span));
                if (result.Message is { } message && MailFacts.Of(message).Role is SeriesRole.Patch)
                {
                    patches++;
                }
            }
            var elapsed = clock.Elapsed;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine($"pass {pass}: {elapsed.TotalMilliseconds:0} ms, allocated {allocated / (1024 * 1024)} MB");
            best = elapsed < best ? elapsed : best;
        }

        Console.WriteLine($"messages: {envelopes.Count} ({bytes / (1024 * 1024)} MB), of them patches {patches}");
        Console.WriteLine($"parse and facts, fastest of {passes} passes on one core: {best.TotalMilliseconds:0} ms = " +
            $"{best.TotalMilliseconds * 1000 / envelopes.Count:0.0} µs per message, {envelopes.Count / best.TotalSeconds:0} msgs/s; " +
            $"allocated {allocated / envelopes.Count / 1024.0:0.0} KB per message");
        return 0;
    }
}
