using PatchReview.Core.Series;
using Xunit;
using static PatchReview.Core.Tests.Series.SeriesMails;

namespace PatchReview.Core.Tests.Series;

public sealed class VersionFeaturesTests
{
    const string LongText = "This patch reworks the way the driver allocates its request buffers so that every path clears them first.";

    static readonly Dictionary<string, string[]> FilesById = new(StringComparer.Ordinal)
    {
        ["v2-1"] = ["arch/s390/Kconfig"],
        ["v2-2"] = ["arch/s390/Kconfig.debug", "arch/s390/Kconfig"],
    };

    static VersionFeatures Describe(VersionGroup group, string? shortText = null) =>
        VersionFeatures.Of(group, "ann", isResend: false, SeriesReferences.Find("v1: https://lore.kernel.org/r/v1-cover@x/"),
            id => FilesById.GetValueOrDefault(id, []), id => id == "v2-c" ? null : TextSketch.Of(id == "v2-2" ? shortText ?? LongText : LongText));

    static VersionGroup V2() => SeriesGrouper.Group(Threaded(
            Message("v1-cover", "[PATCH 0/2] s390: Kconfig: Style cleanups"),
            Message("review", "Re: [PATCH 0/2] s390: Kconfig: Style cleanups", "v1-cover", 10, Rob),
            Message("v2-c", "[PATCH v2 0/2] s390: Kconfig: Style cleanups", "review", 100),
            Message("v2-1", "[PATCH v2 1/2] s390: Kconfig: Fix indentation", "v2-c", 101),
            Message("v2-2", "[PATCH v2 2/2] s390: Kconfig.debug: Fix indentation", "v2-c", 102),
            Message("v2-2-again", "[PATCH v2 2/2] s390: Kconfig.debug: Fix indentation", "v2-2", 103),
            Message("thanks", "Re: [PATCH v2 1/2] s390: Kconfig: Fix indentation", "v2-1", 200, Rob)))
        .Single(g => g.Head.MessageId == "v2-c");

    [Fact]
    public void A_version_is_described_by_its_members_its_conversation_and_what_it_answers()
    {
        var features = Describe(V2());

        Assert.Equal(("v2-c", 2, "2", "ann"), (features.Key, features.Version, features.VersionText, features.AuthorKey));
        Assert.Equal("s390: kconfig: style cleanups", features.NormalizedTitle);
        Assert.Equal(["v2-1", "v2-2", "v2-c"], features.MessageIds.Order(StringComparer.Ordinal));
        Assert.Equal(["thanks", "v2-1", "v2-2", "v2-2-again", "v2-c"], features.ThreadIds.Order(StringComparer.Ordinal));
        // The cover answers a review of v1, and with it the v1 thread's root; nothing below the cover counts.
        Assert.Equal(["review", "v1-cover"], features.RepliedIds.Order(StringComparer.Ordinal));
        Assert.Equal(["fix indentation"], features.PatchTitles);
        Assert.Equal(["arch/s390/Kconfig", "arch/s390/Kconfig.debug"], features.Files.Order(StringComparer.Ordinal));
        Assert.Equal(["v1-cover@x"], features.MentionedIds);
        Assert.Equal(["v1-cover@x"], features.LabelledIds);
        Assert.False(features.IsSinglePatch);
        Assert.False(features.IsBackport);
    }

    [Fact]
    public void Texts_too_short_to_compare_are_left_out_of_the_sketches()
    {
        // The cover's text is unknown; patch 1 says enough; patch 2 says "Fix typo." only.
        var features = Describe(V2(), shortText: "Fix typo.");

        var sketch = Assert.Single(features.TextSketches);
        Assert.Equal(TextSketch.Of(LongText), sketch);
    }

    [Fact]
    public void A_single_patch_without_n_of_n_is_a_single_patch_and_1_of_1_is_too()
    {
        foreach (var subject in new[] { "[PATCH v2] s390: fix", "[PATCH v2 1/1] s390: fix" })
        {
            var group = Assert.Single(SeriesGrouper.Group(Threaded(Message("p", subject))));
            Assert.True(Describe(group).IsSinglePatch, subject);
        }
        var partial = Assert.Single(SeriesGrouper.Group(Threaded(Message("p", "[PATCH v6 4/4] s390: fix"))));
        Assert.False(Describe(partial).IsSinglePatch);
    }

    [Fact]
    public void A_version_that_is_its_own_thread_answers_nothing()
    {
        var group = Assert.Single(SeriesGrouper.Group(Threaded(
            Message("c", "[PATCH 0/1] cover"),
            Message("p", "[PATCH 1/1] one", "c", 1))));

        Assert.Empty(Describe(group).RepliedIds);
    }

    [Fact]
    public void A_patch_answering_a_missing_mail_names_it_and_the_root_above_it()
    {
        // [PATCH v3 4/8] hangs under its own cover, which never reached the list, below a v2 mail that did not either.
        var patch = Message("20220615152623.311223-3-cgzones@googlemail.com", "[PATCH v3 4/8] drivers: use new capable_any functionality",
            "20220615152623.311223-1-cgzones@googlemail.com") with { ThreadRootMessageId = "20220502160030.131168-8-cgzones@googlemail.com" };
        var group = Assert.Single(SeriesGrouper.Group([patch]));

        Assert.Equal(
            ["20220502160030.131168-8-cgzones@googlemail.com", "20220615152623.311223-1-cgzones@googlemail.com"],
            Describe(group).RepliedIds.Order(StringComparer.Ordinal));
    }
}
