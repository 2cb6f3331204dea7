using PatchReview.Core.Threading;
using Xunit;

namespace PatchReview.Core.Tests.Threading;

// ThreadBuilder takes header records, not mail, so each scenario's input and expected links sit inline beside it
// rather than in an mbox fixture: the ids are the whole story and there are no bytes to trim.
public sealed class ThreadBuilderTests
{
    static readonly DateTimeOffset Monday = new(2024, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Empty_input_yields_no_links()
    {
        Assert.Empty(ThreadBuilder.Build([]));
    }

    [Fact]
    public void Reply_chain_links_each_message_to_the_one_it_answers()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a"),
            Mail("b", ["a"], ["a"]),
            Mail("c", ["b"], ["a", "b"]),
            Mail("d", ["c"], ["a", "b", "c"]),
        ]);

        Assert.Equal(
            [Received("a", null, "a"), Received("b", "a", "a"), Received("c", "b", "a"), Received("d", "c", "a")],
            links);
    }

    [Fact]
    public void First_received_in_reply_to_id_is_the_parent_when_several_are_named()
    {
        // "missing" comes first but was never received; "b" is the first received one, even though References points at "a".
        var links = ThreadBuilder.Build(
        [
            Mail("a"),
            Mail("b"),
            Mail("c", ["missing", "b", "a"], ["a"]),
        ]);

        Assert.Equal([Received("a", null, "a"), Received("b", null, "b"), Received("c", "b", "b")], links);
    }

    [Fact]
    public void Reply_without_in_reply_to_threads_under_last_known_reference()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a"),
            Mail("b", ["a"], ["a"]),
            Mail("c", [], ["a", "b", "gone"]),
        ]);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a"), Received("c", "b", "a")], links);
    }

    [Fact]
    public void Missing_in_reply_to_message_with_known_references_root_threads_under_the_root_without_a_ghost()
    {
        // A review of patch 2/3 whose patch mail never reached this archive, while the cover letter did.
        var links = ThreadBuilder.Build(
        [
            Mail("cover"),
            Mail("review", ["patch2"], ["cover", "patch2"]),
        ]);

        Assert.Equal([Received("cover", null, "cover"), Received("review", "cover", "cover")], links);
    }

    [Fact]
    public void Reply_naming_only_unknown_ids_hangs_under_a_ghost_chain_built_from_its_references()
    {
        // reply -> ghost c (its In-Reply-To); c sits at References[2], so its parent is ghost b; b at [1] -> ghost a;
        // a at [0] has nothing before it, so it is the root.
        var links = ThreadBuilder.Build([Mail("reply", ["c"], ["a", "b", "c"])]);

        Assert.Equal(
            [Ghost("a", null, "a"), Ghost("b", "a", "a"), Ghost("c", "b", "a"), Received("reply", "c", "a")],
            links);
    }

    [Fact]
    public void Ghost_parent_skips_unknown_references_to_reach_a_received_ancestor()
    {
        // c names only y, so it needs ghost y. d references y at [2]: the nearest received id before it is r
        // (x at [1] was never received), so y hangs under r. d itself threads under r, its last received reference.
        var links = ThreadBuilder.Build(
        [
            Mail("r"),
            Mail("c", ["y"], ["y"]),
            Mail("d", ["y"], ["r", "x", "y"]),
        ]);

        Assert.Equal(
            [Received("c", "y", "r"), Received("d", "r", "r"), Received("r", null, "r"), Ghost("y", "r", "r")],
            links);
    }

    [Fact]
    public void Two_replies_naming_the_same_missing_parent_share_one_ghost()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a", ["m"], []),
            Mail("b", ["m"], ["m"]),
        ]);

        Assert.Equal([Received("a", "m", "m"), Received("b", "m", "m"), Ghost("m", null, "m")], links);
    }

    [Fact]
    public void Late_arriving_parent_relinks_children_and_removes_the_ghost()
    {
        // b's client trimmed References to [p]. Without p, b hangs under ghost p (which d places under r) and c,
        // whose References still reach r, threads under r directly.
        ThreadInput[] early =
        [
            Mail("r", minute: 0),
            Mail("b", ["p"], ["p"], minute: 5),
            Mail("c", ["p"], ["r", "p"], minute: 6),
        ];
        var late = early.Append(Mail("p", ["r"], ["r"], minute: 1)).ToArray();

        Assert.Equal(
            [Received("b", "p", "r"), Received("c", "r", "r"), Ghost("p", "r", "r"), Received("r", null, "r")],
            ThreadBuilder.Build(early));
        Assert.Equal(
            [Received("b", "p", "r"), Received("c", "p", "r"), Received("p", "r", "r"), Received("r", null, "r")],
            ThreadBuilder.Build(late));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conflicting_references_for_a_ghost_prefer_the_longest_references_list(bool reversed)
    {
        // x says g follows r1; y, with the longer References, says g follows s (never received) after r2.
        // The first received id before g in y's list is r2.
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("c", ["g"], ["g"]),
            Mail("x", ["g"], ["r1", "g"]),
            Mail("y", ["g"], ["r2", "s", "g"]),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal(
            [
                Received("c", "g", "r2"), Ghost("g", "r2", "r2"), Received("r1", null, "r1"), Received("r2", null, "r2"),
                Received("x", "r1", "r1"), Received("y", "r2", "r2"),
            ],
            links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conflicting_references_of_equal_length_prefer_the_ordinally_smallest_referrer(bool reversed)
    {
        // "Z" (0x5A) sorts before "a" (0x61) ordinally, though a culture-aware comparison would put "a" first.
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("c", ["g"], ["g"]),
            Mail("a", ["g"], ["r1", "g"]),
            Mail("Z", ["g"], ["r2", "g"]),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal(
            [
                Received("Z", "r2", "r2"), Received("a", "r1", "r1"), Received("c", "g", "r2"), Ghost("g", "r2", "r2"),
                Received("r1", null, "r1"), Received("r2", null, "r2"),
            ],
            links);
    }

    [Fact]
    public void Ghost_referenced_only_first_in_every_list_is_a_root()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a", ["g"], ["g"]),
            Mail("b", ["g"], ["g", "a"]),
        ]);

        Assert.Equal([Received("a", "g", "g"), Received("b", "a", "g"), Ghost("g", null, "g")], links);
    }

    [Fact]
    public void Ghost_not_on_any_parent_chain_is_not_emitted()
    {
        // Every id b and c name besides a was never received, but each has a received parent, so no ghost is needed.
        var links = ThreadBuilder.Build(
        [
            Mail("a"),
            Mail("b", ["lost"], ["lost", "a"]),
            Mail("c", ["a", "other"], ["elsewhere"]),
        ]);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a"), Received("c", "a", "a")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_message_cycle_is_broken_at_the_earliest_date(bool reversed)
    {
        ThreadInput[] messages =
        [
            Mail("a", ["b"], ["b"], minute: 5),
            Mail("b", ["a"], ["a"], minute: 1),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("a", "b", "b"), Received("b", null, "b")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cycle_with_equal_dates_is_broken_at_the_ordinally_smallest_id(bool reversed)
    {
        ThreadInput[] messages =
        [
            Mail("b", ["a"], ["a"]),
            Mail("a", ["b"], ["b"]),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cycle_through_references_is_broken_at_the_earliest_date_and_keeps_its_other_links(bool reversed)
    {
        // a -> c -> b -> a through References alone; b is earliest, so only b's link is cut. d hangs off the cycle.
        ThreadInput[] messages =
        [
            Mail("a", [], ["c"], minute: 3),
            Mail("b", [], ["a"], minute: 1),
            Mail("c", [], ["b"], minute: 2),
            Mail("d", ["a"], ["c", "a"], minute: 4),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal(
            [Received("a", "c", "b"), Received("b", null, "b"), Received("c", "b", "b"), Received("d", "a", "b")],
            links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Undated_message_does_not_become_the_root_of_a_cycle_with_a_dated_one(bool reversed)
    {
        ThreadInput[] messages =
        [
            Mail("a", ["b"], [], minute: null),
            Mail("b", ["a"], [], minute: 9),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("a", "b", "b"), Received("b", null, "b")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cycle_through_a_ghost_is_cut_at_the_received_message_and_drops_the_ghost(bool reversed)
    {
        // b names only a, so b -> ghost a; c references a right after b, so a -> b. Neither has a date and "a" sorts
        // first, but the received b is preferred as root over the ghost, after which no chain passes through a.
        ThreadInput[] messages =
        [
            Mail("b", ["a"], ["a"], minute: null),
            Mail("c", ["b"], ["b", "a"], minute: null),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("b", null, "b"), Received("c", "b", "b")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cycle_of_ghosts_is_cut_at_the_ordinally_smallest_ghost_and_strands_the_other(bool reversed)
    {
        // b: References [h, g] -> ghost g, and g follows h. c: References [g, h, r] -> threads under r, but says h
        // follows g. Cutting the g <-> h cycle at g leaves no chain through h.
        ThreadInput[] messages =
        [
            Mail("r"),
            Mail("b", [], ["h", "g"]),
            Mail("c", ["r"], ["g", "h", "r"]),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal(
            [Received("b", "g", "g"), Received("c", "r", "r"), Ghost("g", null, "g"), Received("r", null, "r")],
            links);
    }

    [Fact]
    public void Self_reference_is_ignored()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a", ["a"], ["a"]),
            Mail("b", ["b"], ["a", "b"]),
        ]);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a")], links);
    }

    [Fact]
    public void Self_reference_inside_references_is_not_a_ghost_ancestor()
    {
        // c's References put c itself before g; g's parent is found by skipping c, landing on ghost f.
        var links = ThreadBuilder.Build([Mail("c", ["g"], ["f", "c", "g"])]);

        Assert.Equal([Received("c", "g", "f"), Ghost("f", null, "f"), Ghost("g", "f", "f")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Duplicate_message_ids_keep_the_entry_with_more_references(bool reversed)
    {
        // The copy with fewer References is also the earlier one, so References win over Date.
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("x", [], ["r2"], minute: 1),
            Mail("x", [], ["r2", "r1"], minute: 2),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("r1", null, "r1"), Received("r2", null, "r2"), Received("x", "r1", "r1")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Duplicates_with_equal_references_keep_the_earliest_date(bool reversed)
    {
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("x", ["r1"], ["r1"], minute: 5),
            Mail("x", ["r2"], ["r2"], minute: 1),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("r1", null, "r1"), Received("r2", null, "r2"), Received("x", "r2", "r2")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Duplicates_with_a_date_win_over_undated_copies(bool reversed)
    {
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("x", ["r1"], ["r1"], minute: null),
            Mail("x", ["r2"], ["r2"], minute: 30),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("r1", null, "r1"), Received("r2", null, "r2"), Received("x", "r2", "r2")], links);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Duplicates_equal_in_references_and_date_resolve_by_their_headers(bool reversed)
    {
        // Beyond the stated rules, the copy whose References compare ordinally smaller is kept: ["r1"] < ["r2"].
        ThreadInput[] messages =
        [
            Mail("r1"),
            Mail("r2"),
            Mail("x", ["r2"], ["r2"]),
            Mail("x", ["r1"], ["r1"]),
        ];

        var links = ThreadBuilder.Build(reversed ? messages.Reverse() : messages);

        Assert.Equal([Received("r1", null, "r1"), Received("r2", null, "r2"), Received("x", "r1", "r1")], links);
    }

    [Fact]
    public void Identical_duplicates_yield_one_link()
    {
        var links = ThreadBuilder.Build([Mail("a"), Mail("b", ["a"], ["a"]), Mail("b", ["a"], ["a"])]);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a")], links);
    }

    [Fact]
    public void Empty_ids_in_headers_are_ignored()
    {
        var links = ThreadBuilder.Build(
        [
            Mail("a"),
            Mail("b", [""], ["", "a", ""]),
            Mail("c", [""], [""]),
        ]);

        Assert.Equal([Received("a", null, "a"), Received("b", "a", "a"), Received("c", null, "c")], links);
    }

    [Fact]
    public void Empty_message_id_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => ThreadBuilder.Build([Mail("a"), Mail("")]));

        Assert.Equal("messages", error.ParamName);
    }

    [Fact]
    public void Links_are_sorted_ordinally_by_message_id()
    {
        var links = ThreadBuilder.Build([Mail("b"), Mail("a"), Mail("_"), Mail("B"), Mail("a2")]);

        Assert.Equal(["B", "_", "a", "a2", "b"], links.Select(l => l.MessageId));
    }

    [Fact]
    public void Long_reply_chain_resolves_every_message_to_the_first_as_root()
    {
        const int length = 20_000;
        var messages = Enumerable.Range(0, length)
            .Select(n => Mail(Id(n), n == 0 ? [] : [Id(n - 1)], n == 0 ? [] : [Id(0), Id(n - 1)], minute: n));

        var links = ThreadBuilder.Build(messages);

        Assert.Equal(length, links.Count);
        var byId = links.ToDictionary(l => l.MessageId, StringComparer.Ordinal);
        for (var n = 0; n < length; n++)
        {
            Assert.Equal(Received(Id(n), n == 0 ? null : Id(n - 1), Id(0)), byId[Id(n)]);
        }

        static string Id(int n) => $"m{n}@example.org";
    }

    [Fact]
    public void Long_references_header_of_unknown_ids_becomes_one_ghost_chain()
    {
        const int length = 10_000;
        var references = Enumerable.Range(0, length).Select(Id).ToArray();

        var links = ThreadBuilder.Build([Mail("tail", [], references)]);

        Assert.Equal(length + 1, links.Count);
        var byId = links.ToDictionary(l => l.MessageId, StringComparer.Ordinal);
        Assert.Equal(Received("tail", Id(length - 1), Id(0)), byId["tail"]);
        for (var n = 0; n < length; n++)
        {
            Assert.Equal(Ghost(Id(n), n == 0 ? null : Id(n - 1), Id(0)), byId[Id(n)]);
        }

        static string Id(int n) => $"g{n}@example.org";
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Result_does_not_depend_on_input_order(int seed)
    {
        var corpus = Corpus(seed: 7, count: 600);
        var expected = ThreadBuilder.Build(corpus);
        var shuffled = corpus.ToArray();
        new Random(seed).Shuffle(shuffled);

        Assert.Equal(expected, ThreadBuilder.Build(shuffled));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Building_the_union_equals_building_the_union_in_reverse_order(int seed)
    {
        var union = Corpus(seed, count: 600);
        var expected = ThreadBuilder.Build(union);

        Assert.Equal(expected, ThreadBuilder.Build(Enumerable.Reverse(union)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Result_does_not_depend_on_how_the_set_was_split(int seed)
    {
        var random = new Random(seed);
        var corpus = Corpus(seed: 11, count: 600);
        var inFirst = corpus.Select(_ => random.Next(2) == 0).ToArray();
        var first = corpus.Where((_, i) => inFirst[i]).ToArray();
        var second = corpus.Where((_, i) => !inFirst[i]).ToArray();
        var expected = ThreadBuilder.Build(corpus);

        Assert.Equal(expected, ThreadBuilder.Build(first.Concat(second)));
        Assert.Equal(expected, ThreadBuilder.Build(second.Concat(first)));
        Assert.Equal(expected, ThreadBuilder.Build(second.Reverse().Concat(first.Reverse())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2024)]
    public void Generated_corpus_forms_a_forest_over_its_links(int seed)
    {
        var corpus = Corpus(seed, count: 600);

        var links = ThreadBuilder.Build(corpus);

        var byId = links.ToDictionary(l => l.MessageId, StringComparer.Ordinal);
        var receivedIds = corpus.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(receivedIds.Order(StringComparer.Ordinal), links.Where(l => !l.IsGhost).Select(l => l.MessageId));
        Assert.Contains(links, l => l.IsGhost);
        Assert.True(corpus.Length > receivedIds.Count, "the corpus should hold duplicate Message-IDs");
        foreach (var link in links)
        {
            Assert.Equal(!receivedIds.Contains(link.MessageId), link.IsGhost);
            if (link.ParentMessageId is null)
            {
                Assert.Equal(link.MessageId, link.RootMessageId);
            }
            else
            {
                Assert.Equal(byId[link.ParentMessageId].RootMessageId, link.RootMessageId);
            }

            Assert.Null(byId[link.RootMessageId].ParentMessageId);
        }

        // Every ghost is some link's parent: none is emitted without a received message needing it.
        var parents = links.Select(l => l.ParentMessageId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.All(links.Where(l => l.IsGhost), g => Assert.Contains(g.MessageId, parents));
    }

    // Replies naming random received and never-received ids, so the set holds ghosts, ghost chains, cycles,
    // self-references, empty ids, duplicate Message-IDs with differing headers, shared dates and missing dates.
    static ThreadInput[] Corpus(int seed, int count)
    {
        var random = new Random(seed);
        var named = count * 4 / 3;
        var messages = new ThreadInput[count];
        for (var n = 0; n < count; n++)
        {
            var id = n > 0 && random.Next(10) == 0 ? Id(random.Next(n)) : Id(n);
            var references = new string[random.Next(6)];
            for (var i = 0; i < references.Length; i++)
            {
                references[i] = random.Next(20) switch
                {
                    0 => "",
                    1 => id,
                    _ => Id(random.Next(named)),
                };
            }

            string[] inReplyTo = random.Next(4) switch
            {
                0 => [],
                1 => [Id(random.Next(named))],
                2 => references.Length > 0 ? [references[^1]] : [],
                _ => [Id(random.Next(named)), Id(random.Next(named))],
            };
            int? minute = random.Next(8) == 0 ? null : random.Next(count / 4);
            messages[n] = Mail(id, inReplyTo, references, minute);
        }

        return messages;

        static string Id(int n) => $"{n}@lists.example.org";
    }

    static ThreadInput Mail(string id, string[]? inReplyTo = null, string[]? references = null, int? minute = 0)
        => new(id, inReplyTo ?? [], references ?? [], minute is { } m ? Monday.AddMinutes(m) : null);

    static ThreadLink Received(string id, string? parent, string root) => new(id, parent, root, IsGhost: false);

    static ThreadLink Ghost(string id, string? parent, string root) => new(id, parent, root, IsGhost: true);
}
