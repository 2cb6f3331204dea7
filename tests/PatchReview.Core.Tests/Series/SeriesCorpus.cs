using PatchReview.Core.Mail;
using PatchReview.Core.Series;
using PatchReview.Core.Tests.Mail;
using PatchReview.Core.Threading;
using Xunit;

namespace PatchReview.Core.Tests.Series;

/// <summary>
/// One archive taken through series analysis the way the importer does it: every message parsed and threaded, its
/// facts derived, the patch mail grouped into versions, and each version linked to its previous one. Versions are
/// described to the linker as the importer describes them from stored rows; the person behind an address is one
/// key per lower-cased address, an address whose full display name (two words or more) was seen before joining it.
/// </summary>
public sealed class CorpusSeries
{
    public required IReadOnlyDictionary<string, ParsedMessage> Messages { get; init; }
    public required IReadOnlyDictionary<string, MailFacts> Facts { get; init; }
    public required IReadOnlyDictionary<string, SeriesMail> Mails { get; init; }
    public required IReadOnlyList<VersionGroup> Groups { get; init; }
    public required IReadOnlyDictionary<string, VersionFeatures> Features { get; init; }
    /// <summary>The link found for each later version, by its head's Message-ID.</summary>
    public required IReadOnlyDictionary<string, VersionLink> Links { get; init; }

    public VersionGroup GroupOf(string headMessageId) => Groups.Single(g => g.Head.MessageId == headMessageId);

    public static async Task<CorpusSeries> LoadAsync(string archive)
    {
        var envelopes = await MailFixtures.ReadAllAsync(MailFixtures.Corpus(archive));
        var messages = new Dictionary<string, ParsedMessage>(StringComparer.Ordinal);
        foreach (var envelope in envelopes)
        {
            // The importer stores the first message of a Message-ID and counts the others as duplicates.
            if (MessageParser.Parse(envelope).Message is { } message)
            {
                messages.TryAdd(message.MessageId, message);
            }
        }

        var threads = ThreadBuilder.Build(messages.Values.Select(m => new ThreadInput(m.MessageId, m.InReplyTo, m.References, m.Date)))
            .ToDictionary(l => l.MessageId, StringComparer.Ordinal);
        var facts = messages.Values.ToDictionary(m => m.MessageId, MailFacts.Of, StringComparer.Ordinal);
        var mails = messages.Values.ToDictionary(m => m.MessageId, m =>
        {
            var fact = facts[m.MessageId];
            var link = threads[m.MessageId];
            return new SeriesMail(m.MessageId, link.ParentMessageId, link.RootMessageId, m.From, m.Date, fact.Role ?? SeriesRole.Reply,
                fact.Version, fact.VersionText, fact.Subject?.Index, fact.Subject?.Total, fact.Subject?.IsRfc ?? false, fact.Title,
                fact.NormalizedTitle);
        }, StringComparer.Ordinal);

        var groups = SeriesGrouper.Group([.. mails.Values]);
        var people = People(groups, facts);
        var features = groups.ToDictionary(g => g.Head.MessageId, g => Describe(g, people[AuthorOf(g, facts).Email], facts),
            StringComparer.Ordinal);
        var links = new Dictionary<string, VersionLink>(StringComparer.Ordinal);
        foreach (var later in features.Values)
        {
            if (VersionLinker.FindPrevious(later, features.Values) is { } link)
            {
                links[later.Key] = link;
            }
        }
        return new CorpusSeries { Messages = messages, Facts = facts, Mails = mails, Groups = groups, Features = features, Links = links };
    }

    static Person AuthorOf(VersionGroup group, IReadOnlyDictionary<string, MailFacts> facts) =>
        facts[group.Head.MessageId].Author is { Email.Length: > 0 } author ? author : group.From;

    /// <summary>A person key per address, in the order the importer meets them.</summary>
    static Dictionary<string, string> People(IReadOnlyList<VersionGroup> groups, IReadOnlyDictionary<string, MailFacts> facts)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var people = groups.SelectMany(g => g.Patches.Select(p => p.From).Append(g.From).Append(AuthorOf(g, facts)).Concat(g.Replies.Select(r => r.Reply.From)))
            .Where(p => p.Email.Length > 0)
            .DistinctBy(p => p.Email.ToLowerInvariant());
        foreach (var person in people)
        {
            var email = person.Email.ToLowerInvariant();
            var fullName = person.Name.Trim().Contains(' ', StringComparison.Ordinal);
            if (fullName && names.TryGetValue(person.Name, out var known))
            {
                keys[email] = known;
                continue;
            }
            keys[email] = email;
            if (fullName)
            {
                names.TryAdd(person.Name, email);
            }
        }
        return keys;
    }

    static VersionFeatures Describe(VersionGroup group, string author, IReadOnlyDictionary<string, MailFacts> facts)
    {
        var head = facts[group.Head.MessageId];
        return VersionFeatures.Of(group, author, head.Subject?.IsResend ?? false, head.References, id => facts[id].Files,
            id => facts[id].TextSketch) with { IsBackport = head.IsBackport };
    }
}

/// <summary>Both real archives, taken through series analysis once for the test class.</summary>
public sealed class SeriesCorpusFixture : IAsyncLifetime
{
    public CorpusSeries LinuxS390 { get; private set; } = null!;
    public CorpusSeries Zpci { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        LinuxS390 = await CorpusSeries.LoadAsync("linux-s390-2022q2.mbox.gz");
        Zpci = await CorpusSeries.LoadAsync("zpci-series.mbox.gz");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
