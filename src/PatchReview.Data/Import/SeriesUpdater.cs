using System.Data.Common;
using PatchReview.Core.Diffs;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Series;
using PatchReview.Data.Entities;

namespace PatchReview.Data.Import;

/// <summary>
/// Keeps series, versions, the patch matrix, trailers and changelogs current for the threads an import touched.
/// It works series by series: it finds the series the touched threads belong to or may link to (by title, by a
/// shared patch title, by a Message-ID a cover letter links to), loads every thread of those series, and derives
/// them again from the mail. Nothing outside them is read, so the cost follows the import, not the database.
/// </summary>
sealed class SeriesUpdater(SqlSession sql)
{
    /// <summary>A series that keeps pulling in more series is cut off here rather than read to the whole database.</summary>
    const int MaxRounds = 6;

    readonly Dictionary<long, LoadedMail> _mails = [];
    readonly Dictionary<string, LoadedMail> _byMessageId = new(StringComparer.Ordinal);
    readonly HashSet<long> _loadedThreads = [];
    readonly HashSet<long> _creditedCarriers = [];
    readonly HashSet<(string Email, string VersionText, int Total, DateTimeOffset Date)> _askedSiblings = [];
    readonly List<long> _written = [];
    readonly SeriesRowWriter _writer = new(sql);

    sealed record LoadedMail(long RowId, long ThreadId, SeriesMail Mail, StoredFacts? Analysis);

    /// <summary>What the updater reads of a <see cref="MailAnalysis"/> row: all of it but the texts, which only changelogs need.</summary>
    sealed record StoredFacts(string Role, int Version, string VersionText, int? Index, int? Total, bool IsRfc, bool IsResend, bool IsBackport,
        string Title, string NormalizedTitle, string AuthorName, string AuthorEmail, string? PatchId, string[] Files, long[] DiffSketch,
        long[] TextSketch, string[] MentionedIds, string[] LabelledIds, string[] SupersedesIds, string[] ChangeIds);

    /// <summary>Derives the series of the touched threads again; returns the ids of the series written, for their review.</summary>
    public async Task<IReadOnlyCollection<long>> UpdateAsync(IReadOnlyCollection<long> touchedThreads, CancellationToken ct)
    {
        if (touchedThreads.Count == 0)
        {
            return [];
        }
        // One snapshot of what the importers wrote, while they go on writing.
        await using var transaction = await sql.BeginDerivationAsync(ct);

        var seriesIds = new HashSet<long>();
        await ExpandAsync(touchedThreads, seriesIds, ct);
        var (groups, participants, features, links) = await LinkAsync(ct);
        // A version that nothing in its mail links to may still continue one of its author's recent series by its
        // commit text alone; only for those are the author's earlier series read.
        var earlier = await EarlierSeriesOfUnlinkedAsync(groups, features, links, ct);
        earlier.ExceptWith(seriesIds);
        if (earlier.Count > 0)
        {
            seriesIds.UnionWith(earlier);
            var loaded = _mails.Count;
            await ExpandAsync(await ThreadsOfSeriesAsync(earlier, ct), seriesIds, ct);
            if (_mails.Count != loaded)
            {
                (groups, participants, features, links) = await LinkAsync(ct);
            }
        }
        await DeleteAsync(seriesIds, ct);
        await ComposeAsync(groups, links, participants, chunk => WriteAsync(chunk, ct), ct);
        await transaction.CommitAsync(ct);
        return _written;
    }

    /// <summary>Reads the threads, and the series they belong to or may link to, until nothing new turns up.</summary>
    async Task ExpandAsync(IReadOnlyCollection<long> threads, HashSet<long> seriesIds, CancellationToken ct)
    {
        var pending = threads.ToHashSet();
        pending.ExceptWith(_loadedThreads);
        for (var round = 0; round < MaxRounds && pending.Count > 0; round++)
        {
            await LoadThreadsAsync(pending, ct);
            await LoadUnthreadedSiblingsAsync(ct);
            var found = await FindRelatedSeriesAsync(ct);
            found.ExceptWith(seriesIds);
            seriesIds.UnionWith(found);
            pending = await ThreadsOfSeriesAsync(found, ct);
            pending.ExceptWith(_loadedThreads);
        }
    }

    async Task LoadThreadsAsync(IReadOnlyCollection<long> threadIds, CancellationToken ct)
    {
        var ids = threadIds.Where(_loadedThreads.Add).ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var dialect = sql.Dialect;
        // served by ix_messages_thread_id_date; in date order, so that trailers and replies keep the order they were given in
        var rows = await sql.ListAsync(c => "SELECT m.id, m.message_id, m.thread_id, p.message_id, r.message_id, m.from_name, m.from_email, m.date, "
                + "a.role, a.version, a.version_text, a.\"index\", a.total, a.is_rfc, a.is_resend, a.is_backport, a.title, a.normalized_title, "
                + "a.author_name, a.author_email, a.patch_id, a.files, a.diff_sketch, a.text_sketch, a.mentioned_ids, a.labelled_ids, "
                + "a.supersedes_ids, a.change_ids "
                + "FROM messages m JOIN messages r ON r.id = m.thread_id LEFT JOIN messages p ON p.id = m.parent_id "
                + $"LEFT JOIN mail_analysis a ON a.message_id = m.id WHERE {sql.In(c, "m.thread_id", ids)} AND NOT m.is_ghost ORDER BY m.date, m.id",
            r =>
            {
                var analysis = r.IsDBNull(8) ? null : new StoredFacts(r.GetString(8), r.GetInt32(9), r.GetString(10), NullableInt(r, 11),
                    NullableInt(r, 12), r.GetBoolean(13), r.GetBoolean(14), r.GetBoolean(15), r.GetString(16), r.GetString(17), r.GetString(18),
                    r.GetString(19), r.IsDBNull(20) ? null : r.GetString(20), dialect.ReadTexts(r, 21), dialect.ReadLongs(r, 22),
                    dialect.ReadLongs(r, 23), dialect.ReadTexts(r, 24), dialect.ReadTexts(r, 25), dialect.ReadTexts(r, 26),
                    dialect.ReadTexts(r, 27));
                var mail = new SeriesMail(r.GetString(1), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                    new Person(r.GetString(5), r.GetString(6)), dialect.ReadDate(r, 7), RoleOf(analysis), analysis?.Version ?? 1,
                    analysis?.VersionText ?? "1", analysis?.Index, analysis?.Total, analysis?.IsRfc ?? false, analysis?.Title ?? "",
                    analysis?.NormalizedTitle ?? "");
                return new LoadedMail(r.GetInt64(0), r.GetInt64(2), mail, analysis);
            }, ct);
        foreach (var loaded in rows)
        {
            _mails[loaded.RowId] = loaded;
            _byMessageId[loaded.Mail.MessageId] = loaded;
        }
    }

    static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    static SeriesRole RoleOf(StoredFacts? analysis) => analysis?.Role switch
    {
        MailRoles.Cover => SeriesRole.Cover,
        MailRoles.Patch => SeriesRole.Patch,
        MailRoles.Pull => SeriesRole.Pull,
        MailRoles.PullPatch => SeriesRole.PullPatch,
        _ => SeriesRole.Reply,
    };

    /// <summary>
    /// Patches sent without threading stand in threads of their own; the grouper joins them by sender and time. Each
    /// such patch is asked about once per update, however many rounds load it again, and the askings go out two
    /// hundred to a statement: a series of 20 unthreaded patches was 20 round trips a round.
    /// </summary>
    async Task LoadUnthreadedSiblingsAsync(CancellationToken ct)
    {
        var heads = _mails.Values
            .Where(m => m.Mail.Role == SeriesRole.Patch && m.Mail.Total > 1 && m.Mail.ParentMessageId is null && m.Mail.Date is not null)
            .Select(m => (m.Mail.From.Email, m.Mail.VersionText, Total: m.Mail.Total!.Value, Date: m.Mail.Date!.Value))
            .Where(_askedSiblings.Add)
            .ToList();
        var threads = new HashSet<long>();
        foreach (var chunk in heads.Chunk(200))
        {
            // served by ix_messages_root_sender_date, then the mail_analysis primary key
            threads.UnionWith(await sql.IdsAsync(c => string.Join(" UNION ", chunk.Select(h =>
                "SELECT m.thread_id FROM mail_analysis a JOIN messages m ON a.message_id = m.id "
                + $"WHERE m.from_email = {sql.Parameter(c, h.Email)} AND a.version_text = {sql.Parameter(c, h.VersionText)} "
                + $"AND a.total = {sql.Parameter(c, h.Total)} AND m.parent_id IS NULL "
                + $"AND m.date >= {sql.Parameter(c, h.Date - SeriesGrouper.PostingWindow)} AND m.date <= {sql.Parameter(c, h.Date + SeriesGrouper.PostingWindow)}")), ct));
        }
        threads.ExceptWith(_loadedThreads);
        if (threads.Count > 0)
        {
            await LoadThreadsAsync(threads, ct);
        }
    }

    /// <summary>
    /// Series that hold a loaded message, or that a loaded version may be the next or previous version of: those
    /// with a cover or patch of the same title, those whose mail a loaded cover links to or replies to, and those
    /// whose patches a pull request carries.
    /// </summary>
    async Task<HashSet<long>> FindRelatedSeriesAsync(CancellationToken ct)
    {
        var rowIds = _mails.Keys.ToList();
        var series = new HashSet<long>();
        series.UnionWith(await sql.IdsAsync(c => $"SELECT series_id FROM version_patches WHERE {sql.In(c, "message_id", rowIds)}", ct));
        series.UnionWith(await sql.IdsAsync(c => $"SELECT series_id FROM series_versions WHERE {sql.In(c, "id", rowIds)}", ct));

        var members = _mails.Values.Where(m => m.Analysis is not null).ToList();
        var titles = members.Where(m => m.Mail.Role is SeriesRole.Cover or SeriesRole.Patch or SeriesRole.PullPatch)
            .Select(m => m.Mail.NormalizedTitle).Where(t => t.Length > 0).Distinct().ToList();
        var named = members.SelectMany(m => m.Analysis!.MentionedIds.Concat(m.Analysis.SupersedesIds))
            .Concat(members.Where(m => m.Mail.Role == SeriesRole.Cover || m.Mail.Role == SeriesRole.Patch).Select(m => m.Mail.ParentMessageId))
            .OfType<string>().Where(id => !_byMessageId.ContainsKey(id)).Distinct().ToList();
        var patchIds = members.Where(m => m.Mail.Role == SeriesRole.PullPatch && m.Analysis!.PatchId is not null)
            .Select(m => m.Analysis!.PatchId!).Distinct().ToList();

        // served by ix_mail_analysis_normalized_title, ix_messages_message_id and ix_mail_analysis_patch_id
        var relatedRows = new HashSet<long>();
        if (titles.Count > 0)
        {
            relatedRows.UnionWith(await sql.IdsAsync(c => $"SELECT message_id FROM mail_analysis WHERE {sql.In(c, "normalized_title", titles)}", ct));
        }
        if (named.Count > 0)
        {
            relatedRows.UnionWith(await sql.IdsAsync(c => $"SELECT id FROM messages WHERE {sql.In(c, "message_id", named)}", ct));
        }
        if (patchIds.Count > 0)
        {
            relatedRows.UnionWith(await sql.IdsAsync(c => $"SELECT message_id FROM mail_analysis WHERE {sql.In(c, "patch_id", patchIds)}", ct));
        }
        relatedRows.ExceptWith(rowIds);
        if (relatedRows.Count > 0)
        {
            var related = relatedRows.ToList();
            series.UnionWith(await sql.IdsAsync(c => $"SELECT series_id FROM version_patches WHERE {sql.In(c, "message_id", related)}", ct));
            series.UnionWith(await sql.IdsAsync(c => "SELECT series_id FROM series_versions "
                + $"WHERE {sql.In(c, "id", related)} OR {sql.In(c, "cover_id", related)}", ct));
            // Mail not yet in any series (a version stored before its series was derived) is read as it is.
            var threads = await sql.IdsAsync(c => $"SELECT DISTINCT thread_id FROM messages WHERE {sql.In(c, "id", related)}", ct);
            await LoadThreadsAsync(threads, ct);
        }
        series.UnionWith(await sql.IdsAsync(c => $"SELECT series_id FROM pull_request_patches WHERE {sql.In(c, "carrier_id", rowIds)}", ct));
        return series;
    }

    /// <summary>
    /// Series whose versions the authors of unlinked versions posted within <see cref="VersionLinker.TextWindow"/> before
    /// them: a new version may share nothing with its predecessor but its author and its commit text (a series renamed
    /// between v1 and v2). Only later versions and single patches can be such a continuation.
    /// </summary>
    async Task<HashSet<long>> EarlierSeriesOfUnlinkedAsync(IReadOnlyList<VersionGroup> groups, Dictionary<string, VersionFeatures> features,
        Dictionary<string, VersionLink> links, CancellationToken ct)
    {
        var unlinked = groups.Where(g => !links.ContainsKey(g.Head.MessageId) && g.Date is not null
                && (g.Version > 1 || features[g.Head.MessageId].IsSinglePatch) && !features[g.Head.MessageId].IsBackport)
            .GroupBy(g => features[g.Head.MessageId].AuthorKey)
            .Select(a => (Author: long.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture),
                From: a.Min(g => g.Date!.Value) - VersionLinker.TextWindow, Until: a.Max(g => g.Date!.Value)))
            .ToList();
        var series = new HashSet<long>();
        // Each author's window is its own branch of one statement: a query each was a round trip each.
        foreach (var chunk in unlinked.Chunk(200))
        {
            // served by ix_series_versions_author_id
            series.UnionWith(await sql.IdsAsync(c => string.Join(" UNION ", chunk.Select(u =>
                $"SELECT series_id FROM series_versions WHERE author_id = {sql.Parameter(c, u.Author)} "
                + $"AND date >= {sql.Parameter(c, u.From)} AND date <= {sql.Parameter(c, u.Until)}")), ct));
        }
        return series;
    }

    async Task<HashSet<long>> ThreadsOfSeriesAsync(IReadOnlyCollection<long> seriesIds, CancellationToken ct)
    {
        if (seriesIds.Count == 0)
        {
            return [];
        }
        var ids = seriesIds.ToList();
        var threads = new HashSet<long>();
        threads.UnionWith(await sql.IdsAsync(c => $"SELECT m.thread_id FROM series_versions v JOIN messages m ON m.id = v.id WHERE {sql.In(c, "v.series_id", ids)}", ct));
        threads.UnionWith(await sql.IdsAsync(c => "SELECT m.thread_id FROM version_patches p JOIN messages m ON m.id = p.message_id "
            + $"WHERE {sql.In(c, "p.series_id", ids)}", ct));
        threads.UnionWith(await sql.IdsAsync(c => "SELECT m.thread_id FROM pull_request_patches p JOIN messages m ON m.id = p.carrier_id "
            + $"WHERE {sql.In(c, "p.series_id", ids)}", ct));
        return threads;
    }

    /// <summary>
    /// One participant per person: an address seen before keeps its participant; a new address whose full name
    /// (two words or more) is already known joins that participant, since people post from work and home.
    /// </summary>
    async Task<Dictionary<string, Participant>> ResolveParticipantsAsync(IReadOnlyList<VersionGroup> groups, CancellationToken ct)
    {
        var people = groups.SelectMany(g => g.Patches.Select(p => p.From).Append(g.From).Append(AuthorOf(g)).Concat(g.Replies.Select(r => r.Reply.From)))
            .Where(p => p.Email.Length > 0)
            .DistinctBy(p => p.Email.ToLowerInvariant())
            .ToList();
        var emails = people.Select(p => p.Email.ToLowerInvariant()).ToList();
        var known = (await sql.ListAsync(c => $"SELECT email, participant_id FROM participant_addresses WHERE {sql.In(c, "email", emails)}",
            r => (Email: r.GetString(0), ParticipantId: r.GetInt64(1)), ct)).ToDictionary(a => a.Email, a => a.ParticipantId);
        var participantIds = known.Values.Distinct().ToList();
        static Participant ReadParticipant(DbDataReader r) => new() { Id = r.GetInt64(0), Name = r.GetString(1), Email = r.GetString(2) };
        var byId = (await sql.ListAsync(c => $"SELECT id, name, email FROM participants WHERE {sql.In(c, "id", participantIds)}", ReadParticipant, ct))
            .ToDictionary(p => p.Id);
        // Known people under the full names of the new addresses, in one query rather than one per address.
        // served by ix_participants_name
        var names = people.Where(p => !known.ContainsKey(p.Email.ToLowerInvariant()) && IsFullName(p.Name)).Select(p => p.Name).Distinct().ToList();
        var byName = new Dictionary<string, Participant>(StringComparer.OrdinalIgnoreCase);
        var namesakes = names.Count == 0 ? [] : await sql.ListAsync(c => $"SELECT id, name, email FROM participants WHERE {sql.In(c, "name", names)}",
            ReadParticipant, ct);
        foreach (var participant in byId.Values.Concat(namesakes))
        {
            byName.TryAdd(participant.Name, participant);
        }
        var result = new Dictionary<string, Participant>(StringComparer.OrdinalIgnoreCase);
        var added = new List<Participant>();
        var addresses = new List<(ParticipantAddress Address, Participant Participant)>();
        foreach (var person in people)
        {
            var email = person.Email.ToLowerInvariant();
            if (known.TryGetValue(email, out var participantId))
            {
                result[email] = byId[participantId];
                continue;
            }
            if (!IsFullName(person.Name) || !byName.TryGetValue(person.Name, out var participant))
            {
                participant = new Participant { Name = person.Name, Email = email };
                added.Add(participant);
                if (IsFullName(person.Name))
                {
                    byName[person.Name] = participant;
                }
            }
            addresses.Add((new ParticipantAddress { Email = email, Name = person.Name }, participant));
            result[email] = participant;
        }
        await InsertParticipantsAsync(added, ct);
        await _writer.InsertAsync("participant_addresses", ["email", "participant_id", "name"],
            addresses.Select(a => new object?[] { a.Address.Email, a.Participant.Id, a.Address.Name }), ct);
        return result;
    }

    /// <summary>
    /// New participants, a few hundred to a statement: one each was a round trip each, 228 of them after importing
    /// linux-s390 2022q2. Their addresses are unique among them, so each reads its id back by its address.
    /// </summary>
    async Task InsertParticipantsAsync(List<Participant> participants, CancellationToken ct)
    {
        foreach (var chunk in participants.Chunk(500))
        {
            var byEmail = chunk.ToDictionary(p => p.Email, StringComparer.Ordinal);
            var rows = await sql.ListAsync(c => "INSERT INTO participants (name, email) VALUES "
                    + string.Join(", ", chunk.Select(p => $"({sql.Parameter(c, p.Name)}, {sql.Parameter(c, p.Email)})")) + " RETURNING id, email",
                r => (Id: r.GetInt64(0), Email: r.GetString(1)), ct);
            foreach (var (id, email) in rows)
            {
                byEmail[email].Id = id;
            }
        }
    }

    /// <summary>Who wrote a version: the head's in-body <c>From:</c> when a patch was sent for someone else, else its sender.</summary>
    Person AuthorOf(VersionGroup group) => _byMessageId[group.Head.MessageId].Analysis is { AuthorEmail.Length: > 0 } analysis
        ? new Person(analysis.AuthorName, analysis.AuthorEmail)
        : group.From;

    static bool IsFullName(string name) => name.Trim().Contains(' ', StringComparison.Ordinal);

    sealed record ComposedSeries(Series Series, List<PullRequest> PullRequests, List<PullRequestPatch> Carried);

    /// <summary>Groups what is loaded into versions and links each to its previous version.</summary>
    async Task<(IReadOnlyList<VersionGroup> Groups, Dictionary<string, Participant> Participants, Dictionary<string, VersionFeatures> Features,
        Dictionary<string, VersionLink> Links)> LinkAsync(CancellationToken ct)
    {
        var groups = SeriesGrouper.Group([.. _mails.Values.Select(m => m.Mail)]);
        var participants = await ResolveParticipantsAsync(groups, ct);
        long ParticipantOf(Person person) => participants.TryGetValue(person.Email, out var p) ? p.Id : 0;

        var features = groups.ToDictionary(g => g.Head.MessageId, g => Features(g, ParticipantOf(AuthorOf(g))), StringComparer.Ordinal);
        var overrides = await LoadOverridesAsync(features.Keys, ct);

        // Each version names its previous one; a maintainer's link or unlink overrides what the mail says. Only the
        // same author's versions can qualify from the mail, so only those are compared.
        var byAuthor = features.Values.ToLookup(f => f.AuthorKey);
        var links = new Dictionary<string, VersionLink>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var later = features[group.Head.MessageId];
            if (overrides.FirstOrDefault(o => o.Later == later.Key && o.Linked) is { Earlier: { } earlier } && features.ContainsKey(earlier))
            {
                links[later.Key] = new VersionLink(earlier, later.Key, 1, ["maintainer"]);
            }
            // Unlinked by a maintainer, a version starts a series of its own: a guess at another predecessor from
            // the same mail would undo the decision (zPCI v4 cut from v3 would take v2).
            else if (!overrides.Any(o => o.Later == later.Key) && VersionLinker.FindPrevious(later, byAuthor[later.AuthorKey]) is { } link)
            {
                links[later.Key] = link;
            }
        }
        return (groups, participants, features, links);
    }

    /// <summary>Series composed per component; written as they are composed, so a large update never holds them all.</summary>
    const int ComposedPerWrite = 500;

    async Task ComposeAsync(IReadOnlyList<VersionGroup> groups, Dictionary<string, VersionLink> links,
        Dictionary<string, Participant> participants, Func<List<ComposedSeries>, Task> write, CancellationToken ct)
    {
        var components = Components(groups, links);
        var trailers = await LoadTrailersAsync(ct);
        var texts = await LoadChangelogTextsAsync(groups, ct);
        var carriers = new CarriedPatches(_mails.Values.Where(m => m.Mail.Role == SeriesRole.PullPatch));
        var composed = new List<ComposedSeries>(ComposedPerWrite);
        foreach (var component in components)
        {
            composed.Add(ComposeSeries(component, links, trailers, texts, participants, carriers));
            if (composed.Count == ComposedPerWrite)
            {
                await write(composed);
                composed = new List<ComposedSeries>(ComposedPerWrite);
            }
        }
        await write(composed);
    }

    VersionFeatures Features(VersionGroup group, long author)
    {
        var head = _byMessageId[group.Head.MessageId].Analysis;
        var references = head is null
            ? SeriesReferences.None
            : new SeriesReferences(head.MentionedIds, head.LabelledIds, head.SupersedesIds, head.ChangeIds);
        return VersionFeatures.Of(group, author.ToString(System.Globalization.CultureInfo.InvariantCulture), head?.IsResend ?? false, references,
            id => _byMessageId[id].Analysis?.Files ?? [], id => _byMessageId[id].Analysis?.TextSketch) with
        {
            IsBackport = head?.IsBackport ?? false,
        };
    }

    async Task<HashSet<(string Earlier, string Later, bool Linked)>> LoadOverridesAsync(IEnumerable<string> heads, CancellationToken ct)
    {
        var ids = heads.ToList();
        return [.. await sql.ListAsync(c => "SELECT earlier_message_id, later_message_id, linked FROM version_link_overrides "
                + $"WHERE {sql.In(c, "later_message_id", ids)} OR {sql.In(c, "earlier_message_id", ids)}",
            r => (r.GetString(0), r.GetString(1), r.GetBoolean(2)), ct)];
    }

    static List<List<VersionGroup>> Components(IReadOnlyList<VersionGroup> groups, Dictionary<string, VersionLink> links)
    {
        var parent = groups.ToDictionary(g => g.Head.MessageId, g => g.Head.MessageId, StringComparer.Ordinal);
        string Find(string key)
        {
            while (parent[key] != key)
            {
                key = parent[key] = parent[parent[key]];
            }
            return key;
        }
        foreach (var link in links.Values)
        {
            parent[Find(link.NextKey)] = Find(link.PreviousKey);
        }
        return [.. groups.GroupBy(g => Find(g.Head.MessageId), StringComparer.Ordinal).Select(c => c.ToList())];
    }

    /// <summary>Trailers written in the loaded mail, by message.</summary>
    async Task<ILookup<long, MessageTrailer>> LoadTrailersAsync(CancellationToken ct)
    {
        var ids = _mails.Keys.ToList();
        var rows = await sql.ListAsync(c => "SELECT message_id, position, type, value, name, email FROM message_trailers "
                + $"WHERE {sql.In(c, "message_id", ids)} ORDER BY position",
            r => new MessageTrailer
            {
                MessageId = r.GetInt64(0), Position = r.GetInt32(1), Type = r.GetString(2), Value = r.GetString(3),
                Name = r.IsDBNull(4) ? null : r.GetString(4), Email = r.IsDBNull(5) ? null : r.GetString(5),
            }, ct);
        return rows.ToLookup(t => t.MessageId);
    }

    ComposedSeries ComposeSeries(List<VersionGroup> component, Dictionary<string, VersionLink> links, ILookup<long, MessageTrailer> trailers,
        Dictionary<long, string> texts, Dictionary<string, Participant> participants, CarriedPatches carriers)
    {
        var versions = component.OrderBy(g => g.Version).ThenBy(g => g.Date ?? DateTimeOffset.MaxValue).ToList();
        var rowOf = (string messageId) => _byMessageId[messageId].RowId;
        var first = versions[0];
        var latest = versions[^1];
        var seriesId = versions.Min(v => rowOf(v.Head.MessageId));
        var submitter = participants.TryGetValue(latest.From.Email, out var p) ? p : null;

        var matrix = PatchMatrix.Build(
            [.. versions.Select(v => (IReadOnlyList<MatrixPatch>)[.. v.Patches.Select(patch =>
                new MatrixPatch(patch.MessageId, patch.Index ?? 1, patch.Title, patch.NormalizedTitle, _byMessageId[patch.MessageId].Analysis?.PatchId))])],
            Similarity);

        var series = new Series
        {
            Id = seriesId,
            Title = latest.Title,
            NormalizedTitle = latest.NormalizedTitle,
            SubmitterId = submitter?.Id ?? 0,
            SubmitterName = latest.From.Name,
            SubmitterEmail = latest.From.Email,
            LatestVersion = latest.Version,
            VersionCount = versions.Count,
            LastActivity = versions.SelectMany(v => v.Replies.Select(r => r.Reply.Date).Append(v.Date)).Max(),
        };

        var people = versions.SelectMany(v => v.Replies.Select(r => r.Reply.From).Concat(v.Patches.Select(p => p.From)).Append(v.From))
            .DistinctBy(p => p.Email.ToLowerInvariant()).ToList();
        var cellOf = new Dictionary<string, (int Row, MatrixCell Cell)>(StringComparer.Ordinal);
        for (var row = 0; row < matrix.Count; row++)
        {
            foreach (var cell in matrix[row].Cells.Values)
            {
                cellOf[cell.MessageId] = (row, cell);
            }
        }

        var patchTrailers = new Dictionary<string, List<PatchTrailer>>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var group = versions[i];
            var version = new SeriesVersion
            {
                Id = rowOf(group.Head.MessageId),
                SeriesId = seriesId,
                Version = group.Version,
                VersionText = group.VersionText,
                IsRfc = group.IsRfc,
                CoverId = group.Cover is null ? null : rowOf(group.Cover.MessageId),
                Title = group.Title,
                NormalizedTitle = group.NormalizedTitle,
                AuthorId = participants.TryGetValue(group.From.Email, out var author) ? author.Id : 0,
                Date = group.Date,
                DeclaredTotal = group.DeclaredTotal,
                PatchCount = group.Patches.Count,
                MissingIndices = [.. group.MissingIndices],
                ReplyCount = group.Replies.Count,
                IsComplete = group.IsComplete,
                SupersededById = i + 1 < versions.Count ? rowOf(versions[i + 1].Head.MessageId) : null,
            };
            if (links.TryGetValue(group.Head.MessageId, out var link) && component.Any(g => g.Head.MessageId == link.PreviousKey))
            {
                version.PreviousVersionId = rowOf(link.PreviousKey);
                version.LinkConfidence = link.Confidence;
                version.LinkSignals = [.. link.Signals];
            }
            version.Changelog = Changelog(group, version.Id, texts, people);

            foreach (var patch in group.Patches)
            {
                var (row, cell) = cellOf[patch.MessageId];
                var versionPatch = new VersionPatch
                {
                    MessageId = rowOf(patch.MessageId),
                    VersionId = version.Id,
                    SeriesId = seriesId,
                    Index = patch.Index ?? 1,
                    Row = row,
                    Change = cell.Change switch { PatchChange.Unchanged => "unchanged", PatchChange.Modified => "modified", _ => "new" },
                    PreviousId = cell.PreviousMessageId is null ? null : rowOf(cell.PreviousMessageId),
                    SplitFromId = cell.SplitFromMessageId is null ? null : rowOf(cell.SplitFromMessageId),
                    ReplyCount = group.Replies.Count(r => r.Under.MessageId == patch.MessageId),
                };
                var given = TrailersOf(group, patch, trailers);
                if (cell.PreviousMessageId is { } previous && patchTrailers.TryGetValue(previous, out var earlier))
                {
                    given.AddRange(Carry(earlier, given, cell.Change != PatchChange.Unchanged));
                }
                patchTrailers[patch.MessageId] = given;
                versionPatch.Trailers = given;
                version.Patches.Add(versionPatch);
            }
            series.Versions.Add(version);
        }

        // A carried patch whose patch-id two series share (the same patch posted in both) is credited to the first.
        var carried = PullRequestsOf(series, component, carriers).Where(c => _creditedCarriers.Add(c.CarrierId)).ToList();
        // A pull request that applies the series is its latest activity as often as not.
        series.LastActivity = carried.Select(c => _mails[c.CarrierId].Mail.Date).Append(series.LastActivity).Max();
        var pullRequests = carried.Select(c => c.PullRequestId).Distinct().Select(id => new PullRequest { MessageId = id, SeriesId = series.Id }).ToList();
        foreach (var version in series.Versions)
        {
            version.State = SeriesStates.ToApiName(SeriesState.Superseded);
        }
        var latestVersion = series.Versions[^1];
        var state = DeriveState(latest, latestVersion, pullRequests.Count > 0);
        latestVersion.State = state.ToApiName();
        series.State = state.ToApiName();
        // A/R/T count the reviews that still hold: a stale carried one is for a patch that changed since.
        var latestTrailers = latestVersion.Patches.SelectMany(x => x.Trailers).Where(t => !t.Stale).ToList();
        series.Acked = latestTrailers.Count(t => t.Type == "Acked-by");
        series.Reviewed = latestTrailers.Count(t => t.Type == "Reviewed-by");
        series.Tested = latestTrailers.Count(t => t.Type == "Tested-by");
        return new ComposedSeries(series, pullRequests, carried);
    }

    double Similarity(string a, string b)
    {
        var left = _byMessageId[a].Analysis?.DiffSketch;
        var right = _byMessageId[b].Analysis?.DiffSketch;
        return left is null || right is null ? 0 : DiffSketch.Similarity(left, right);
    }

    /// <summary>The patch's own trailers, those given in replies below it, and those given in replies to the cover letter.</summary>
    List<PatchTrailer> TrailersOf(VersionGroup group, SeriesMail patch, ILookup<long, MessageTrailer> trailers)
    {
        var result = new List<PatchTrailer>();
        var patchRow = _byMessageId[patch.MessageId].RowId;
        foreach (var own in trailers[patchRow])
        {
            result.Add(NewTrailer(own, "patch", patchRow, group.Version, senderMatches: true));
        }
        foreach (var (reply, under) in group.Replies)
        {
            var origin = under.MessageId == patch.MessageId ? "reply" : group.Cover is not null && under.MessageId == group.Cover.MessageId ? "cover-reply" : null;
            if (origin is null)
            {
                continue;
            }
            var replyRow = _byMessageId[reply.MessageId].RowId;
            foreach (var given in trailers[replyRow].Where(t => IsReviewTrailer(t.Type)))
            {
                var match = TrailerParser.MatchSender(new Trailer(given.Type, given.Value, given.Name, given.Email, 0), reply.From);
                result.Add(NewTrailer(given, origin, replyRow, group.Version, match != SenderMatch.None));
            }
        }
        return result;
    }

    /// <summary>What reviewers give in replies; a Signed-off-by or a Link in a reply is not a review of the patch.</summary>
    static bool IsReviewTrailer(string type) => type is "Reviewed-by" or "Acked-by" or "Tested-by" or "Reported-by" or "Suggested-by" or "Nacked-by";

    static PatchTrailer NewTrailer(MessageTrailer trailer, string origin, long source, int version, bool senderMatches) => new()
    {
        Type = trailer.Type,
        Name = trailer.Name ?? "",
        Email = trailer.Email ?? "",
        Origin = origin,
        SourceId = source,
        FromVersion = version,
        SenderMatches = senderMatches,
    };

    /// <summary>
    /// Reviews given on the previous version go on to this one unless its author already added them to the commit
    /// message (from whichever address the reviewer used); when the patch changed since, they are stale. A
    /// Reported-by or Suggested-by is about the change, not a review of this posting, and stays where it was given.
    /// </summary>
    static IEnumerable<PatchTrailer> Carry(List<PatchTrailer> earlier, List<PatchTrailer> present, bool changed) =>
        earlier.Where(t => t.Origin != "patch" && t.Type is "Reviewed-by" or "Acked-by" or "Tested-by")
            .Where(t => !present.Any(p => p.Type == t.Type && TrailerParser.MatchSender(
                new Trailer(p.Type, "", p.Name, p.Email, 0), new Person(t.Name, t.Email)) != SenderMatch.None))
            .Select(t => new PatchTrailer
            {
                Type = t.Type,
                Name = t.Name,
                Email = t.Email,
                Origin = "carried",
                SourceId = t.SourceId,
                FromVersion = t.FromVersion,
                SenderMatches = t.SenderMatches,
                Stale = t.Stale || changed,
            });

    /// <summary>Where a version's changelog is written: its cover letter, else the notes of its single patch.</summary>
    static SeriesMail? ChangelogSource(VersionGroup group) => group.Cover ?? (group.Patches.Count == 1 ? group.Patches[0] : null);

    /// <summary>The cover letters' texts and single patches' notes, by row id: the only texts the updater reads.</summary>
    async Task<Dictionary<long, string>> LoadChangelogTextsAsync(IReadOnlyList<VersionGroup> groups, CancellationToken ct)
    {
        var ids = groups.Select(ChangelogSource).OfType<SeriesMail>().Select(m => _byMessageId[m.MessageId]).ToDictionary(m => m.RowId);
        var keys = ids.Keys.ToList();
        var bodies = await sql.ListAsync(c => $"SELECT id, body_text FROM messages WHERE {sql.In(c, "id", keys)}",
            r => (Id: r.GetInt64(0), BodyText: r.GetString(1)), ct);
        var texts = new Dictionary<long, string>();
        foreach (var body in bodies)
        {
            var text = ids[body.Id].Mail.Role == SeriesRole.Cover ? body.BodyText : PatchBody.Split(body.BodyText).Notes;
            if (!string.IsNullOrEmpty(text))
            {
                texts[body.Id] = text;
            }
        }
        return texts;
    }

    /// <param name="people">Everyone who took part in the series, in any version: a changelog credits the reviewers of the previous one.</param>
    List<ChangelogEntry> Changelog(VersionGroup group, long versionId, Dictionary<long, string> texts, IReadOnlyList<Person> people)
    {
        var source = ChangelogSource(group);
        if (source is null || !texts.TryGetValue(_byMessageId[source.MessageId].RowId, out var text))
        {
            return [];
        }
        var sections = ChangelogParser.Parse(text);
        // A cover letter often keeps the changes of every earlier version; this version's are the section that ends at it.
        var section = sections.FirstOrDefault(s => s.ToVersion == group.Version) ?? (sections.Count > 0 && sections[0].ToVersion is null ? sections[0] : null);
        if (section is null)
        {
            return [];
        }
        return [.. section.Items.Select(item =>
        {
            var credits = ChangelogCredits.Resolve(item.Credits, people);
            return new ChangelogEntry
            {
                VersionId = versionId,
                N = item.Number,
                Text = item.Text,
                SourceId = _byMessageId[source!.MessageId].RowId,
                CreditedNames = [.. credits.Select(c => c.Person?.Name ?? c.Credit)],
                CreditedEmails = [.. credits.Select(c => c.Person?.Email ?? "")],
            };
        })];
    }

    /// <summary>
    /// Pull requests whose carried patches are patches of this series: found by the <c>Link:</c> to the posted
    /// patch, else by the same patch-id.
    /// </summary>
    List<PullRequestPatch> PullRequestsOf(Series series, List<VersionGroup> component, CarriedPatches carriers)
    {
        var patchRows = component.SelectMany(g => g.Patches).Select(p => _byMessageId[p.MessageId]).ToList();
        var candidates = carriers.Of(patchRows);
        if (candidates.Count == 0)
        {
            return [];
        }
        var byPatchId = patchRows.Where(p => p.Analysis?.PatchId is not null).GroupBy(p => p.Analysis!.PatchId!).ToDictionary(g => g.Key, g => g.Last());
        var byMessageId = patchRows.ToDictionary(p => p.Mail.MessageId, StringComparer.Ordinal);
        var carried = new List<PullRequestPatch>();
        foreach (var carrier in candidates)
        {
            var original = carrier.Analysis!.MentionedIds.Select(id => byMessageId.GetValueOrDefault(id)).FirstOrDefault(p => p is not null)
                ?? (carrier.Analysis.PatchId is { } patchId ? byPatchId.GetValueOrDefault(patchId) : null);
            if (original is not null)
            {
                // The pull request is the carried patches' cover, their thread's root: a ghost when the cover never
                // reached the list, as with both pull requests of the zPCI archive.
                carried.Add(new PullRequestPatch { CarrierId = carrier.RowId, PullRequestId = carrier.ThreadId, SeriesId = series.Id, PatchId = original.RowId });
            }
        }
        return carried;
    }

    /// <summary>
    /// The patches pull requests carry, found by what they name: the Message-IDs they mention and their patch-id. Each
    /// series looks up its own patches here; scanning every carried patch for every series cost a series update of the
    /// 52,845-message benchmark (2,411 series, a pull request's patches fifteen times over) 55 MB of iterators.
    /// </summary>
    sealed class CarriedPatches
    {
        readonly List<LoadedMail> _carriers;
        readonly Dictionary<string, List<int>> _byMentionedId = new(StringComparer.Ordinal);
        readonly Dictionary<string, List<int>> _byPatchId = new(StringComparer.Ordinal);

        public CarriedPatches(IEnumerable<LoadedMail> carriers)
        {
            _carriers = [.. carriers];
            for (var i = 0; i < _carriers.Count; i++)
            {
                var analysis = _carriers[i].Analysis!;
                foreach (var id in analysis.MentionedIds)
                {
                    Add(_byMentionedId, id, i);
                }
                if (analysis.PatchId is { } patchId)
                {
                    Add(_byPatchId, patchId, i);
                }
            }
        }

        /// <summary>The carried patches that mention one of <paramref name="patches"/> or share its patch-id, in the order loaded.</summary>
        public List<LoadedMail> Of(IEnumerable<LoadedMail> patches)
        {
            SortedSet<int>? found = null;
            foreach (var patch in patches)
            {
                if (_byMentionedId.TryGetValue(patch.Mail.MessageId, out var mentioning))
                {
                    (found ??= []).UnionWith(mentioning);
                }
                if (patch.Analysis?.PatchId is { } patchId && _byPatchId.TryGetValue(patchId, out var same))
                {
                    (found ??= []).UnionWith(same);
                }
            }
            return found is null ? [] : [.. found.Select(i => _carriers[i])];
        }

        static void Add(Dictionary<string, List<int>> index, string key, int carrier)
        {
            if (!index.TryGetValue(key, out var carriers))
            {
                index[key] = carriers = [];
            }
            carriers.Add(carrier);
        }
    }

    SeriesState DeriveState(VersionGroup latest, SeriesVersion latestVersion, bool applied)
    {
        var author = latest.From;
        bool IsAuthor(Person person) => string.Equals(person.Email, author.Email, StringComparison.OrdinalIgnoreCase)
            || (person.Name.Length > 0 && string.Equals(person.Name, author.Name, StringComparison.OrdinalIgnoreCase));
        var approvals = latestVersion.Patches.Select(p => p.Trailers.Any(t => t.Type is "Reviewed-by" or "Acked-by" && !t.Stale
            && !string.Equals(t.Email, author.Email, StringComparison.OrdinalIgnoreCase))).ToList();
        var states = latest.Patches.Select((patch, i) => new PatchReviewState(approvals[i],
            latest.Replies.Any(r => r.Under.MessageId == patch.MessageId && !IsAuthor(r.Reply.From)
                && !latestVersion.Patches[i].Trailers.Any(t => t.Origin == "reply" && string.Equals(t.Email, r.Reply.From.Email, StringComparison.OrdinalIgnoreCase)))))
            .ToList();
        return SeriesStates.Derive(applied, latest.Replies.Any(r => !IsAuthor(r.Reply.From)), states);
    }

    async Task DeleteAsync(IReadOnlyCollection<long> seriesIds, CancellationToken ct)
    {
        var series = seriesIds.ToList();
        var rows = _mails.Keys.ToList();
        // One round trip for the five, which run in this order.
        await sql.ExecuteAsync(c =>
            $"DELETE FROM pull_request_patches WHERE {sql.In(c, "carrier_id", rows)} OR {sql.In(c, "series_id", series)}; "
            + $"DELETE FROM pull_requests WHERE {sql.In(c, "message_id", rows)} OR {sql.In(c, "series_id", series)}; "
            + $"DELETE FROM series WHERE {sql.In(c, "id", series)}; "
            // Versions and patches of loaded mail whose series row went with a re-rooted thread.
            + $"DELETE FROM series_versions WHERE {sql.In(c, "id", rows)}; "
            + $"DELETE FROM version_patches WHERE {sql.In(c, "message_id", rows)}", ct);
    }

    async Task WriteAsync(List<ComposedSeries> composed, CancellationToken ct)
    {
        var ids = composed.Select(c => c.Series.Id).ToList();
        _written.AddRange(ids);
        // A series id is its earliest head's row id; a series that was merged into another one leaves no row behind.
        await sql.ExecuteAsync(c => $"DELETE FROM series WHERE {sql.In(c, "id", ids)}", ct);
        await _writer.WriteAsync([.. composed.Select(c => c.Series)], [.. composed.SelectMany(c => c.PullRequests)],
            [.. composed.SelectMany(c => c.Carried)], ct);
    }
}
