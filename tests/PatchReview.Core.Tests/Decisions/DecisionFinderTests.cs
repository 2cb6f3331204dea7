using PatchReview.Core.Decisions;
using PatchReview.Core.Mail;
using PatchReview.Core.Patches;
using PatchReview.Core.Review;
using PatchReview.Core.Tests.Mail;
using Xunit;

namespace PatchReview.Core.Tests.Decisions;

public sealed class DecisionFinderTests(ParsedCorpus corpus)
{
    const string V6 = "20220426200842.98655-";
    const string V7 = "20220513191509.272897-";
    static readonly Person Matthew = new("Matthew Rosato", "mjrosato@linux.ibm.com");

    /// <summary>v6 and v7 of zPCI as the importer derives them: patches in order, each v7 patch with its v6 counterpart by title.</summary>
    (IReadOnlyList<DecisionVersion> Versions, ReviewThread Review) ZpciV6V7()
    {
        var mails = corpus.Zpci;
        List<ParsedMessage> PatchesOf(string prefix) => [.. mails
            .Where(m => m.MessageId.StartsWith(prefix, StringComparison.Ordinal) && !m.MessageId.StartsWith(prefix + "1-", StringComparison.Ordinal))
            .OrderBy(m => int.Parse(m.MessageId[prefix.Length..m.MessageId.IndexOf('-', prefix.Length)], System.Globalization.CultureInfo.InvariantCulture))];
        static string Title(ParsedMessage m) => m.Subject[(m.Subject.IndexOf(']', StringComparison.Ordinal) + 1)..].Trim();
        var v6 = PatchesOf(V6);
        var v7 = PatchesOf(V7);
        var v7Cover = mails.Single(m => m.MessageId == V7 + "1-mjrosato@linux.ibm.com");
        var section = ChangelogParser.Parse(v7Cover.BodyText).First(s => s.ToVersion == 7);
        var people = mails.Select(m => m.From).DistinctBy(p => p.Email).ToList();
        var versions = new List<DecisionVersion>
        {
            new(6, V6 + "1-mjrosato@linux.ibm.com", [.. v6.Select(p => new DecisionPatch(p.MessageId, p.BodyText, null))], []),
            new(7, v7Cover.MessageId,
                [.. v7.Select(p => new DecisionPatch(p.MessageId, p.BodyText, v6.FirstOrDefault(o => Title(o) == Title(p))?.BodyText))],
                [.. section.Items.Select(i => new DecisionChangelogItem(v7Cover.MessageId, i.Text,
                    [.. ChangelogCredits.Resolve(i.Credits, people).Select(c => c.Person).OfType<Person>()]))]),
        };
        var review = ReviewThread.Of(mails.Select(m => new ThreadMail(m.MessageId, m.InReplyTo.FirstOrDefault() ?? m.References.LastOrDefault(),
            m.From, m.Date, m.BodyText, m.IsFlowed, m.DelSp)));
        return (versions, review);
    }

    [Fact]
    public void The_symbol_get_question_on_v6_16_21_becomes_the_implemented_CONFIG_VFIO_PCI_ZDEV_KVM_decision_with_its_whole_chain()
    {
        var (versions, review) = ZpciV6V7();

        var decisions = DecisionFinder.Find(Matthew, versions, review);

        var decision = Assert.Single(decisions, d => d.Identifiers.Contains("CONFIG_VFIO_PCI_ZDEV_KVM"));
        Assert.Equal("Use CONFIG_VFIO_PCI_ZDEV_KVM instead of symbol_get", decision.Title);
        Assert.Equal(DecisionStatus.Implemented, decision.Status);
        Assert.True(decision.ShownByDefault);
        // Read from the mail: Jason asks (twice), Matthew proposes in the seed reply, Jason and Christian agree,
        // the v7 cover's changelog records it, and v7 10/22 adds the option.
        Assert.Equal(
        [
            (StepRole.Question, "20220427140410.GX2125828@nvidia.com"),
            (StepRole.Question, "20220427150138.GA2512703@nvidia.com"),
            (StepRole.Proposal, "1bca5de9-88aa-6abc-88b7-cbd2a11e5c85@linux.ibm.com"),
            (StepRole.Agreement, "20220427153924.GZ2125828@nvidia.com"),
            (StepRole.Agreement, "8c48614a-4e93-a575-1a08-ead955ad2a91@linux.ibm.com"),
            (StepRole.Changelog, V7 + "1-mjrosato@linux.ibm.com"),
        ], decision.Steps.Where(s => s.Role != StepRole.Implementation).Select(s => (s.Role, s.MessageId)));
        // v7 10/22 adds the option; v7 17/22, the successor of v6 16/21, no longer looks the function up.
        Assert.Equal(
        [
            (V7 + "11-mjrosato@linux.ibm.com", "drivers/vfio/pci/Kconfig", "+config VFIO_PCI_ZDEV_KVM"),
            (V7 + "18-mjrosato@linux.ibm.com", "drivers/vfio/pci/vfio_pci_zdev.c", "-\t\tfn = symbol_get(kvm_s390_pci_register_kvm);"),
        ], decision.Steps.Where(s => s.Role == StepRole.Implementation).Select(s => (s.MessageId, s.File!, s.Quote)));
        Assert.Equal("And could do so again; as discussed in the thread there, I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series.",
            decision.Steps.Single(s => s.Role == StepRole.Proposal).Quote);
        Assert.Equal("That make sense to me, I'd rather see that then the symbol_get/put here", decision.Steps[3].Quote);
        Assert.Contains("symbol_get messiness", decision.Steps.Single(s => s.Role == StepRole.Changelog).Quote, StringComparison.Ordinal);
        Assert.Contains("changelog-names-reviewer", decision.Signals);
        Assert.Contains("anchor-removed", decision.Signals);
        Assert.Null(decision.Revisits); // v3 is not among the versions given here
    }

    static ThreadMail Mail(string id, string? parent, Person from, int minute, string body) =>
        new(id, parent, from, new DateTimeOffset(2022, 5, 1, 12, minute, 0, TimeSpan.Zero), body, false, false);

    [Fact]
    public void An_author_who_argues_back_proposes_only_when_he_gives_in_and_a_removal_is_implemented_by_the_lines_that_go()
    {
        var reviewer = new Person("Rita Reviewer", "rita@example.org");
        const string V1 = "Add a cache.\n---\ndiff --git a/c.c b/c.c\n--- a/c.c\n+++ b/c.c\n@@ -1 +1,3 @@\n int a;\n+static int cache_refill_slow(void);\n+int cache_lookup(int key);\n";
        const string V2 = "Add a cache.\n---\ndiff --git a/c.c b/c.c\n--- a/c.c\n+++ b/c.c\n@@ -1 +1,2 @@\n int a;\n+int cache_lookup(int key);\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", reviewer, 1, "> +static int cache_refill_slow(void);\n\nWhy do we need cache_refill_slow at all?\n"),
            Mail("r1", "q", Matthew, 2, "> Why do we need cache_refill_slow at all?\n\nThe reason I'm keeping cache_refill_slow is the cold start; we can revisit.\n"),
            Mail("r2", "r1", reviewer, 3, "> The reason I'm keeping cache_refill_slow is the cold start; we can revisit.\n\nCan't the cold start use cache_lookup?\n"),
            Mail("r3", "r2", Matthew, 4, "> Can't the cold start use cache_lookup?\n\nOK, I will drop cache_refill_slow in the next version.\n"),
            Mail("r4", "r3", reviewer, 5, "> OK, I will drop cache_refill_slow in the next version.\n\nSounds good.\n"),
            Mail("p2", null, Matthew, 30, V2),
        ]);
        DecisionVersion[] versions =
        [
            new(1, null, [new DecisionPatch("p1", V1, null)], []),
            // A changelog that words the removal as what is kept instead still records it.
            new(2, "c2", [new DecisionPatch("p2", V2, V1)], [new DecisionChangelogItem("c2", "Use cache_lookup at cold start instead of cache_refill_slow (Rita)", [reviewer])]),
        ];

        var decision = Assert.Single(DecisionFinder.Find(Matthew, versions, review));

        Assert.Equal(("Drop cache_refill_slow", DecisionStatus.Implemented), (decision.Title, decision.Status));
        Assert.Equal([(StepRole.Question, "q"), (StepRole.Question, "r2"), (StepRole.Proposal, "r3"), (StepRole.Agreement, "r4"), (StepRole.Changelog, "c2"), (StepRole.Implementation, "p2")],
            decision.Steps.Select(x => (x.Role, x.MessageId)));
    }

    [Fact]
    public void A_changelog_item_that_removes_what_a_proposal_would_keep_does_not_record_it()
    {
        var reviewer = new Person("Rita Reviewer", "rita@example.org");
        const string V1 = "Add an option.\n---\ndiff --git a/Kconfig b/Kconfig\n--- a/Kconfig\n+++ b/Kconfig\n@@ -1 +1,3 @@\n menu X\n+config FOO_BAR\n+\tbool\n";
        const string V2 = "Add no option.\n---\ndiff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1,2 @@\n int a;\n+int b;\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", reviewer, 1, "> +config FOO_BAR\n\nShould CONFIG_FOO_BAR not depend on KVM?\n"),
            Mail("r", "q", Matthew, 2, "> Should CONFIG_FOO_BAR not depend on KVM?\n\nI can rename CONFIG_FOO_BAR to CONFIG_FOO_BAR_KVM and make it depend on KVM.\n"),
            Mail("p2", null, Matthew, 30, V2),
        ]);
        DecisionVersion[] versions =
        [
            new(1, null, [new DecisionPatch("p1", V1, null)], []),
            new(2, "c2", [new DecisionPatch("p2", V2, null)], [new DecisionChangelogItem("c2", "Remove CONFIG_FOO_BAR", [])]),
        ];

        var decision = Assert.Single(DecisionFinder.Find(Matthew, versions, review));

        // CONFIG_FOO_BAR_KVM, the option proposed, is in neither version's code.
        Assert.Equal(DecisionStatus.Dropped, decision.Status);
        Assert.DoesNotContain(decision.Steps, x => x.Role == StepRole.Changelog);
        Assert.False(decision.ShownByDefault);
    }

    const string Before = "Look the symbol up.\n---\ndiff --git a/z.c b/z.c\n--- a/z.c\n+++ b/z.c\n@@ -1,2 +1,4 @@\n int open_device(void)\n {\n+\tfn = symbol_get(register_kvm);\n+\treturn fn ? fn() : -ENOENT;\n";

    /// <summary>A reviewer questions the symbol_get line; the author proposes calling register_kvm directly.</summary>
    static (ReviewThread Review, Person Reviewer) SymbolGetReview(string next)
    {
        var reviewer = new Person("Jason Gunthorpe", "jgg@nvidia.com");
        return (ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, Before),
            Mail("q", "p1", reviewer, 1, "> +\tfn = symbol_get(register_kvm);\n\nWhy symbol_get here, can't this be a direct dependency?\n"),
            Mail("r", "q", Matthew, 2, "> Why symbol_get here, can't this be a direct dependency?\n\nI can call register_kvm directly and make the module depend on KVM.\n"),
            Mail("p2", null, Matthew, 30, next),
        ]), reviewer);
    }

    [Fact]
    public void A_proposal_whose_questioned_lines_stand_unchanged_in_the_next_version_is_dropped()
    {
        var (review, _) = SymbolGetReview(Before);
        DecisionVersion[] versions =
        [
            new(1, null, [new DecisionPatch("p1", Before, null)], []),
            new(2, null, [new DecisionPatch("p2", Before, Before)], []),
        ];

        var decision = Assert.Single(DecisionFinder.Find(Matthew, versions, review));

        Assert.Equal(DecisionStatus.Dropped, decision.Status);
    }

    [Fact]
    public void A_next_version_that_changes_the_questioned_lines_or_credits_the_reviewer_without_the_proposal_s_words_leaves_it_undecided()
    {
        const string Changed = "Call it directly.\n---\ndiff --git a/z.c b/z.c\n--- a/z.c\n+++ b/z.c\n@@ -1,2 +1,3 @@\n int open_device(void)\n {\n+\treturn zdev_attach(dev);\n";
        var (changedReview, _) = SymbolGetReview(Changed);
        DecisionVersion[] changed =
        [
            new(1, null, [new DecisionPatch("p1", Before, null)], []),
            new(2, null, [new DecisionPatch("p2", Changed, Before)], []),
        ];
        var (creditedReview, reviewer) = SymbolGetReview(Before);
        DecisionVersion[] credited =
        [
            new(1, null, [new DecisionPatch("p1", Before, null)], []),
            new(2, "c2", [new DecisionPatch("p2", Before, Before)], [new DecisionChangelogItem("c2", "Rework the open path (Jason)", [reviewer])]),
        ];

        // Nothing says what the next version did about it: not implemented as far as the mail shows, and not dropped either.
        Assert.Equal(DecisionStatus.Proposed, Assert.Single(DecisionFinder.Find(Matthew, changed, changedReview)).Status);
        Assert.Equal(DecisionStatus.Proposed, Assert.Single(DecisionFinder.Find(Matthew, credited, creditedReview)).Status);
    }

    [Fact]
    public void A_changelog_item_that_credits_the_reviewer_in_the_proposal_s_words_records_it()
    {
        // After 2022q2's "s390x: add migration test support": Janosch asks about an upper-case constant, Nico
        // answers he will lower-case it, and v2's changelog says "Lower case const ints (Thanks Janosch)".
        var janosch = new Person("Janosch Frank", "frankja@linux.ibm.com");
        var nico = new Person("Nico Boehr", "nrb@linux.ibm.com");
        const string V1 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+static const int NUM_ITERATIONS = 10;\n";
        const string V2 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+static const int num_iterations = 10;\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, nico, 0, V1),
            Mail("q", "p1", janosch, 1, "> +static const int NUM_ITERATIONS = 10;\n\nWhy is this upper case?\n"),
            Mail("r", "q", nico, 2, "> Why is this upper case?\n\nIt is uncommon in kvm-unit-tests to have it uppercase, all const ints in the codebase are lowercase, so I will lowercase it.\n"),
        ]);
        DecisionVersion[] Versions(string item) =>
        [
            new(1, null, [new DecisionPatch("p1", V1, null)], []),
            new(2, "c2", [new DecisionPatch("p2", V2, V1)], [new DecisionChangelogItem("c2", item, [janosch])]),
        ];

        var recorded = Assert.Single(DecisionFinder.Find(nico, Versions("Lower case const ints (Thanks Janosch)"), review));
        var unrelated = Assert.Single(DecisionFinder.Find(nico, Versions("Fix the lowercase typo in a comment (Thanks Janosch)"), review));

        Assert.Equal((DecisionStatus.Implemented, "Lower case const ints"), (recorded.Status, recorded.Title));
        Assert.Contains("changelog-names-reviewer", recorded.Signals);
        // One word in common ("lowercase") is not the same thing said again.
        Assert.DoesNotContain(unrelated.Steps, s => s.Role == StepRole.Changelog);
    }

    [Fact]
    public void A_proposal_answers_the_comment_it_sits_under_not_another_comment_of_the_same_mail()
    {
        // zPCI v2 19/30: Pierre Morel comments under several quotes of the patch; Matthew Rosato answers the aisb
        // question with "Yes" and the return-value question with what he will change.
        var pierre = new Person("Pierre Morel", "pmorel@linux.ibm.com");
        const string V1 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,3 @@\n int a;\n+\tfib->fmt0.aisb = aisb;\n+\tkvm_s390_gisc_register(kvm, gisc);\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", pierre, 1, "> +\tfib->fmt0.aisb = aisb;\n\naisb here is the aisb offset right?\n\n> +\tkvm_s390_gisc_register(kvm, gisc);\n\nDon't we need to check the return value?\n"),
            Mail("r", "q", Matthew, 2, "> aisb here is the aisb offset right?\n\nYes\n\n> Don't we need to check the return value?\n\nWell, I will re-arrange the code in aif_enable() to check it and leave on error.\n"),
        ]);

        var decision = Assert.Single(DecisionFinder.Find(Matthew, [new DecisionVersion(1, null, [new DecisionPatch("p1", V1, null)], [])], review));

        Assert.Equal("Don't we need to check the return value?", decision.Steps[0].Quote);
        Assert.Equal("Re-arrange the code in aif_enable() to check it and leave on error", decision.Title);
    }

    [Fact]
    public void A_top_posted_answer_above_the_quoted_comment_proposes()
    {
        var reviewer = new Person("Rita Reviewer", "rita@example.org");
        const string V1 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+int frob(void);\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", reviewer, 1, "> +int frob(void);\n\nWhy not call it foo_bar() like the rest of the driver?\n"),
            Mail("r", "q", Matthew, 2, "Good point, I'll rename it to foo_bar() in v2.\n\nOn 5/1/22 Rita Reviewer wrote:\n> > +int frob(void);\n>\n> Why not call it foo_bar() like the rest of the driver?\n"),
        ]);

        var decision = Assert.Single(DecisionFinder.Find(Matthew, [new DecisionVersion(1, null, [new DecisionPatch("p1", V1, null)], [])], review));

        Assert.Equal(("Rename it to foo_bar() in v2", "r"), (decision.Title, decision.Steps.Single(s => s.Role == StepRole.Proposal).MessageId));
    }

    [Fact]
    public void Of_a_comment_s_questions_the_question_step_quotes_the_one_the_proposal_answers()
    {
        var reviewer = new Person("Rita Reviewer", "rita@example.org");
        const string V1 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+\tkvm_s390_gisc_register(kvm, gisc);\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", reviewer, 1, "> +\tkvm_s390_gisc_register(kvm, gisc);\n\nIs gisc here the guest ISC, right? Don't we need to check the return value?\n"),
            Mail("r", "q", Matthew, 2, "> Don't we need to check the return value?\n\nYes, I will check the return of kvm_s390_gisc_register in the next version.\n"),
        ]);

        var decision = Assert.Single(DecisionFinder.Find(Matthew, [new DecisionVersion(1, null, [new DecisionPatch("p1", V1, null)], [])], review));

        Assert.Equal("Don't we need to check the return value?", decision.Steps[0].Quote);
    }

    [Fact]
    public void A_title_from_a_long_sentence_without_spaces_is_cut_not_lost()
    {
        var reviewer = new Person("Rita Reviewer", "rita@example.org");
        var longName = "config_" + new string('x', 120);
        const string V1 = "Add.\n---\ndiff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1,2 @@\n int a;\n+int b;\n";
        var review = ReviewThread.Of(
        [
            Mail("p1", null, Matthew, 0, V1),
            Mail("q", "p1", reviewer, 1, "> +int b;\n\nWhy is b an int here?\n"),
            Mail("r", "q", Matthew, 2, $"> Why is b an int here?\n\nI can use {longName}\n"),
        ]);

        var decision = Assert.Single(DecisionFinder.Find(Matthew, [new DecisionVersion(1, null, [new DecisionPatch("p1", V1, null)], [])], review));

        Assert.Equal(DecisionStatus.Proposed, decision.Status);
        Assert.EndsWith("…", decision.Title, StringComparison.Ordinal);
        Assert.True(decision.Title.Length <= 91);
    }

    [Theory]
    [InlineData("Or, actually, is zPCI useful anyhow without kvm ie can you just have a direct dependency here?", SentenceRole.Question)]
    [InlineData("And could do so again; as discussed in the thread there, I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series.", SentenceRole.Proposal)]
    [InlineData("That make sense to me, I'd rather see that then the symbol_get/put here", SentenceRole.Agreement)]
    [InlineData("I agree with Jason here.", SentenceRole.Agreement)]
    [InlineData("Ok, I think I like this option the best.", SentenceRole.Agreement)]
    [InlineData("I like that, I'll use foo_bar() instead.", SentenceRole.Proposal)]
    [InlineData("Maybe I can just use foo_bar() instead?", SentenceRole.Proposal)]
    [InlineData("I guess one option would be to move the WARN_ON into the zpci_get_mdd() function itself and then now we can do", SentenceRole.Other)]
    [InlineData("I’ll rename it to foo_bar() in v2.", SentenceRole.Proposal)]
    [InlineData("I'd like this to be split.", SentenceRole.Other)]
    [InlineData("How about a helper for this instead?", SentenceRole.Proposal)]
    [InlineData("Maybe -- I can certainly do the above, but I do add a call to zpci_get_mdd() in the init function (patch 23).", SentenceRole.Other)]
    [InlineData("I can do that, but only after the rework of zpci_get_mdd() lands.", SentenceRole.Other)]
    [InlineData("When reusing an existing domain that doesn't have an msi_cookie, we can do iommu_get_msi_cookie() if resv_msi is found.", SentenceRole.Other)]
    [InlineData("When I respin, I'll drop the check in next_fn().", SentenceRole.Proposal)]
    [InlineData("When CONFIG_PCI=y|m, arch/s390/kvm/pci.o will be linked and so we can compare the function handle against afit->mdd.", SentenceRole.Other)]
    [InlineData("NAK, this breaks the ABI.", SentenceRole.Objection)]
    [InlineData("It is about trying to avoid loading unnecessary code.", SentenceRole.Other)]
    public void Sentences_are_read_for_what_they_do(string sentence, SentenceRole role) => Assert.Equal(role, DecisionText.RoleOf(sentence));

    [Fact]
    public void Identifiers_are_options_c_names_calls_module_names_and_paths_not_words()
    {
        var ids = DecisionText.Identifiers("I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM; symbol_get() goes, "
            + "kvm_s390_pci_register_kvm stays in drivers/vfio/pci/vfio_pci_zdev.c.\nconfig VFIO_PCI_ZDEV_KVM");

        Assert.Equal(["CONFIG_VFIO_PCI_ZDEV_KVM", "drivers/vfio/pci/vfio_pci_zdev.c", "kvm_s390_pci_register_kvm", "symbol_get", "vfio-pci-zdev"],
            ids.Where(id => id != "vfio_pci_zdev").Order(StringComparer.Ordinal));
    }
}
