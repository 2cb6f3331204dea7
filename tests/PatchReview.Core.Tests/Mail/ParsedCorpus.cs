using PatchReview.Core.Mail;
using PatchReview.Core.Tests.Mail;
using Xunit;

[assembly: AssemblyFixture(typeof(ParsedCorpus))]

namespace PatchReview.Core.Tests.Mail;

/// <summary>Both real archives, read and parsed once for the whole test run.</summary>
public sealed class ParsedCorpus : IAsyncLifetime
{
    public IReadOnlyList<ParsedMessage> Zpci { get; private set; } = [];
    public IReadOnlyList<ParsedMessage> LinuxS390 { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Zpci = await ParseAllAsync("zpci-series.mbox.gz");
        LinuxS390 = await ParseAllAsync("linux-s390-2022q2.mbox.gz");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    static async Task<IReadOnlyList<ParsedMessage>> ParseAllAsync(string archive)
        => [.. (await MailFixtures.ReadAllAsync(MailFixtures.Corpus(archive))).Select(e => MessageParser.Parse(e).Message!)];
}
