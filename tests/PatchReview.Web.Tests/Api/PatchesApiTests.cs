using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PatchReview.Data;

namespace PatchReview.Web.Tests.Api;

public sealed class PatchesApiTests(ArchiveFixture archive, HandMadeSeriesArchive greet)
    : IClassFixture<ArchiveFixture>, IClassFixture<HandMadeSeriesArchive>
{
    // [PATCH v6 16/21] vfio-pci/zdev: add open/close device hooks
    const string V6Hooks = "20220426200842.98655-17-mjrosato@linux.ibm.com";
    // [PATCH v9 17/21] of the same title, applied as [GIT PULL 17/42] (20220721161302.156182-18-imbrenda@linux.ibm.com).
    const string V9Hooks = "20220606203325.110625-18-mjrosato@linux.ibm.com";
    const string PullHooks = "20220721161302.156182-18-imbrenda@linux.ibm.com";
    const string Zpci = "KVM: s390: enable zPCI for interpretive execution";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string Url(string messageId, string suffix = "") => "/api/v1/patches/" + Uri.EscapeDataString(messageId) + suffix;

    [Fact]
    public async Task Patch_page_reads_title_author_message_notes_and_neighbours_from_the_mail()
    {
        var patch = await archive.Client.GetFromJsonAsync<JsonElement>(Url(V6Hooks), Ct);
        var zpci = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/series?q=zpci&pageSize=500", Ct);

        Assert.Equal(V6Hooks, patch.GetProperty("messageId").GetString());
        Assert.Equal(zpci.EnumerateArray().Single(s => s.GetProperty("title").GetString() == Zpci).GetProperty("id").GetInt64(),
            patch.GetProperty("seriesId").GetInt64());
        Assert.Equal((6, 16, 21), (patch.GetProperty("version").GetInt32(), patch.GetProperty("index").GetInt32(), patch.GetProperty("total").GetInt32()));
        Assert.Equal("vfio-pci/zdev: add open/close device hooks", patch.GetProperty("title").GetString());
        Assert.Equal(("Matthew Rosato", "mjrosato@linux.ibm.com"), Person(patch.GetProperty("author")));
        Assert.Equal(
            "During vfio-pci open_device, register a notifier for the zPCI device to\n"
            + "catch KVM registration.  This is needed in order to pass a special\n"
            + "indicator (GISA) to firmware to allow zPCI interpretation facilities to be\n"
            + "used for only the specific KVM associated with the vfio-pci device.\n"
            + "During vfio-pci close_device, unregister the notifier.\n\n"
            + "Signed-off-by: Matthew Rosato <mjrosato@linux.ibm.com>",
            patch.GetProperty("commitMessage").GetString());
        Assert.Equal(
            " arch/s390/include/asm/pci.h      |  2 ++\n"
            + " drivers/vfio/pci/vfio_pci_core.c |  2 ++\n"
            + " drivers/vfio/pci/vfio_pci_zdev.c | 50 ++++++++++++++++++++++++++++++++\n"
            + " include/linux/vfio_pci_core.h    | 10 +++++++\n"
            + " 4 files changed, 64 insertions(+)",
            patch.GetProperty("notes").GetString());
        Assert.Equal(("20220426200842.98655-16-mjrosato@linux.ibm.com", "20220426200842.98655-18-mjrosato@linux.ibm.com"),
            (patch.GetProperty("previous").GetString(), patch.GetProperty("next").GetString()));
        Assert.Contains(patch.GetProperty("trailers").EnumerateArray(), t => t.GetProperty("type").GetString() == "Signed-off-by"
            && t.GetProperty("email").GetString() == "mjrosato@linux.ibm.com" && t.GetProperty("origin").GetString() == "patch"
            && t.GetProperty("sourceMessageId").GetString() == V6Hooks && t.GetProperty("fromVersion").GetInt32() == 6);
    }

    [Fact]
    public async Task Patch_files_and_hunks_number_their_lines_as_the_diff_says()
    {
        var patch = await archive.Client.GetFromJsonAsync<JsonElement>(Url(V6Hooks), Ct);
        var files = patch.GetProperty("files").EnumerateArray().ToList();

        // The diffstat: pci.h 2, vfio_pci_core.c 2, vfio_pci_zdev.c 50, vfio_pci_core.h 10, no deletions.
        Assert.Equal(
            [
                ("arch/s390/include/asm/pci.h", "arch/s390/include/asm/pci.h", "modified", 2, 0, 2),
                ("drivers/vfio/pci/vfio_pci_core.c", "drivers/vfio/pci/vfio_pci_core.c", "modified", 2, 0, 2),
                ("drivers/vfio/pci/vfio_pci_zdev.c", "drivers/vfio/pci/vfio_pci_zdev.c", "modified", 50, 0, 2),
                ("include/linux/vfio_pci_core.h", "include/linux/vfio_pci_core.h", "modified", 10, 0, 1),
            ],
            files.Select(f => (f.GetProperty("oldPath").GetString()!, f.GetProperty("newPath").GetString()!, f.GetProperty("status").GetString()!,
                f.GetProperty("added").GetInt32(), f.GetProperty("removed").GetInt32(), f.GetProperty("hunks").GetArrayLength())));
        var hunk = files[1].GetProperty("hunks")[0];
        Assert.Equal("@@ -449,6 +449,7 @@ void vfio_pci_core_close_device(struct vfio_device *core_vdev)", hunk.GetProperty("header").GetString());
        Assert.Equal((449, 6, 449, 7), (hunk.GetProperty("oldStart").GetInt32(), hunk.GetProperty("oldLines").GetInt32(),
            hunk.GetProperty("newStart").GetInt32(), hunk.GetProperty("newLines").GetInt32()));
        Assert.Equal(
            [
                (" ", "\t\tvdev->sriov_pf_core_dev->vf_token->users--;", 449, 449),
                (" ", "\t\tmutex_unlock(&vdev->sriov_pf_core_dev->vf_token->lock);", 450, 450),
                (" ", "\t}", 451, 451),
                ("+", "\tvfio_pci_zdev_release(vdev);", null, 452),
                (" ", "\tvfio_spapr_pci_eeh_release(vdev->pdev);", 452, 453),
                (" ", "\tvfio_pci_core_disable(vdev);", 453, 454),
                (" ", "", 454, 455),
            ],
            hunk.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("kind").GetString()!, l.GetProperty("text").GetString()!,
                Number(l.GetProperty("oldLine")), Number(l.GetProperty("newLine")))));
    }

    [Fact]
    public async Task Patch_id_is_what_git_patch_id_stable_prints_for_the_raw_mail()
    {
        var raw = await archive.Client.GetByteArrayAsync("/api/v1/messages/" + Uri.EscapeDataString(V6Hooks) + "/raw", Ct);
        var patch = await archive.Client.GetFromJsonAsync<JsonElement>(Url(V6Hooks), Ct);

        var git = await GitAsync(Path.GetTempPath(), raw, ["patch-id", "--stable"]);

        Assert.Equal(git.Split(' ')[0], patch.GetProperty("patchId").GetString());
    }

    [Fact]
    public async Task Interdiff_against_the_next_version_of_the_patch_is_a_diff_of_the_two_diffs()
    {
        var zpci = (await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/series?q=zpci&pageSize=500", Ct)).EnumerateArray()
            .Single(s => s.GetProperty("title").GetString() == Zpci).GetProperty("id").GetInt64();
        var matrix = await archive.Client.GetFromJsonAsync<JsonElement>($"/api/v1/series/{zpci}/matrix", Ct);
        var v7 = matrix.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("cells").TryGetProperty("6", out var cell) && cell.GetProperty("messageId").GetString() == V6Hooks)
            .GetProperty("cells").GetProperty("7").GetProperty("messageId").GetString()!;

        using var response = await archive.Client.GetAsync(Url(V6Hooks, "/interdiff?against=" + Uri.EscapeDataString(v7)), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/x-diff", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("20220513191509.272897-18-mjrosato@linux.ibm.com", v7);
        Assert.StartsWith("diff --git a/", text, StringComparison.Ordinal);
        // v6 declared "int (*fn)(struct zpci_dev *zdev, struct kvm *kvm);" and looked the function up; v7 calls it directly.
        Assert.Contains("\n++\tint (*fn)(struct zpci_dev *zdev, struct kvm *kvm);\n", text, StringComparison.Ordinal);
        Assert.Contains("\n-+\t\tif (data) {\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("COMMIT_MSG", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_mbox_adds_the_reviews_given_in_replies_as_the_maintainer_did_when_applying()
    {
        var zpci = (await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/series?q=zpci&pageSize=500", Ct)).EnumerateArray()
            .Single(s => s.GetProperty("title").GetString() == Zpci).GetProperty("id").GetInt64();
        using var response = await archive.Client.GetAsync($"/api/v1/series/{zpci}/versions/9/mbox", Ct);
        var messages = Messages(await response.Content.ReadAsStringAsync(Ct));
        var posted = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/messages/" + V9Hooks, Ct);
        var applied = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/messages/" + PullHooks, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/mbox", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => $"Message-ID: <20220606203325.110625-{i + 1}-mjrosato@linux.ibm.com>"),
            messages.Select(m => m.Split('\n').Single(l => l.StartsWith("Message-ID: ", StringComparison.Ordinal))));
        var hooks = messages[16];
        Assert.Contains("\nFrom: Matthew Rosato <mjrosato@linux.ibm.com>\n", hooks, StringComparison.Ordinal);
        Assert.Contains("\nSubject: [PATCH v9 17/21] vfio-pci/zdev: add open/close device hooks\n", hooks, StringComparison.Ordinal);
        // Pierre Morel's Reviewed-by (Tue, 28 Jun 2022 13:22:26 +0200) and Alex Williamson's Acked-by (08:59:02 -0600).
        var body = hooks[(hooks.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        var postedBody = posted.GetProperty("bodyText").GetString()!;
        var separator = postedBody.IndexOf("\n---\n", StringComparison.Ordinal);
        Assert.Equal(
            postedBody[..separator]
            + "\nReviewed-by: Pierre Morel <pmorel@linux.ibm.com>"
            + "\nAcked-by: Alex Williamson <alex.williamson@redhat.com>"
            + "\nLink: https://lore.kernel.org/r/20220606203325.110625-18-mjrosato@linux.ibm.com"
            + postedBody[separator..],
            body);
        // The commit Christian Borntraeger applied has the same trailers and his own sign-off.
        var appliedBody = applied.GetProperty("bodyText").GetString()!;
        Assert.Equal(
            TrailerLines(appliedBody).Where(l => l != "Signed-off-by: Christian Borntraeger <borntraeger@linux.ibm.com>").Order(StringComparer.Ordinal),
            TrailerLines(body).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Patch_re_sent_in_a_pull_request_belongs_to_no_version_and_keeps_its_trailers_in_the_mbox()
    {
        var patch = await archive.Client.GetFromJsonAsync<JsonElement>(Url(PullHooks), Ct);
        var applied = await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/messages/" + PullHooks, Ct);
        var mbox = Assert.Single(Messages(await archive.Client.GetStringAsync(Url(PullHooks, "/mbox"), Ct)));

        Assert.Equal(JsonValueKind.Null, patch.GetProperty("seriesId").ValueKind);
        Assert.Equal((17, 42), (patch.GetProperty("index").GetInt32(), patch.GetProperty("total").GetInt32()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (patch.GetProperty("previous").ValueKind, patch.GetProperty("next").ValueKind));
        // Sent by Claudio Imbrenda; the body starts "From: Matthew Rosato <mjrosato@linux.ibm.com>".
        Assert.Equal(("Matthew Rosato", "mjrosato@linux.ibm.com"), Person(patch.GetProperty("author")));
        Assert.EndsWith("Signed-off-by: Christian Borntraeger <borntraeger@linux.ibm.com>", patch.GetProperty("commitMessage").GetString(), StringComparison.Ordinal);
        Assert.Contains("\nFrom: Matthew Rosato <mjrosato@linux.ibm.com>\nDate: Thu, 21 Jul 2022 18:12:37 +0200\n", mbox, StringComparison.Ordinal);
        // It was applied already: its commit message goes out as applied, with the Link: to the posting it came from and no other.
        var body = applied.GetProperty("bodyText").GetString()!;
        Assert.Contains("\n\n" + body["From: Matthew Rosato <mjrosato@linux.ibm.com>\n\n".Length..], mbox, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task Git_am_applies_the_downloaded_version_with_the_collected_trailers_and_links(DatabaseProvider provider)
    {
        await using var archive = await HandMadeSeriesArchive.StartAsync(provider);
        var id = (await archive.Client.GetFromJsonAsync<JsonElement>("/api/v1/series?q=greet", Ct))[0].GetProperty("id").GetInt64();
        using var response = await archive.Client.GetAsync($"/api/v1/series/{id}/versions/2/mbox", Ct);
        var mbox = await response.Content.ReadAsByteArrayAsync(Ct);
        var repository = Directory.CreateTempSubdirectory("patchreview-am-").FullName;
        try
        {
            CopyDirectory(HandMadeSeries.PreImage, repository);
            await GitAsync(repository, null, ["init", "-q", "-b", "main"]);
            await GitAsync(repository, null, ["add", "."]);
            await GitAsync(repository, null, ["commit", "-q", "-m", "greet: the program before the series"]);

            await GitAsync(repository, mbox, ["am"]);

            var log = await GitAsync(repository, null, ["log", "--reverse", "--format=%an <%ae> %aI%n%B%x00", "HEAD~3..HEAD"]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(
                [
                    "Ann Author <ann@example.org> 2024-03-08T09:00:01+00:00\n"
                    + "greet: add a greeting header\n\n"
                    + "Keep the greeting in one place so that every program prints the same.\n\n"
                    + "Reviewed-by: Rita Reviewer <rita@example.org>\n"
                    + "Signed-off-by: Ann Author <ann@example.org>\n"
                    + "Tested-by: Tom Tester <tom@example.org>\n"
                    + "Acked-by: Otto Owner <otto@example.org>\n"
                    + "Link: https://lore.kernel.org/r/greet-v2-1@example.org\n",
                    "Ann Author <ann@example.org> 2024-03-08T09:00:02+00:00\n"
                    + "greet: print the greeting\n\n"
                    + "Print the shared greeting instead of a literal.\n\n"
                    + "Signed-off-by: Ann Author <ann@example.org>\n"
                    + "Acked-by: Otto Owner <otto@example.org>\n"
                    + "Link: https://lore.kernel.org/r/greet%2Fv2+2$=&%25@example.org\n",
                    "Zoë Dörr <zoe@example.org> 2024-03-08T09:00:03+00:00\n"
                    + "README: say where the greeting is\n\n"
                    + "Point readers at the header that holds the greeting.\n\n"
                    + "Signed-off-by: Zoë Dörr <zoe@example.org>\n"
                    + "Signed-off-by: Ann Author <ann@example.org>\n"
                    + "Acked-by: Otto Owner <otto@example.org>\n"
                    + "Reviewed-by: Rita Reviewer <rita@example.org>\n"
                    + "Link: https://lore.kernel.org/r/greet-v2-3@example.org\n",
                ],
                log.Split('\0').Select(c => c.TrimStart('\n')).Where(c => c.Length > 0));
            Assert.Contains("\tputs(GREETING);\n", await File.ReadAllTextAsync(Path.Combine(repository, "src", "hello.c"), Ct), StringComparison.Ordinal);
            Assert.Contains("The greeting is GREETING in include/greet.h.\n", await File.ReadAllTextAsync(Path.Combine(repository, "README"), Ct), StringComparison.Ordinal);
            Assert.Contains("#define GREETING \"hello, world\"\n", await File.ReadAllTextAsync(Path.Combine(repository, "include", "greet.h"), Ct), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(repository, recursive: true);
        }
    }

    [Fact]
    public async Task Patch_mbox_of_an_id_with_url_characters_leaves_out_stale_and_relayed_reviews()
    {
        using var response = await greet.Client.GetAsync(Url(HandMadeSeries.V2Patch2, "/mbox"), Ct);
        var mbox = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/mbox", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single(Messages(mbox));
        Assert.StartsWith(
            "From mboxrd@z Thu Jan  1 00:00:00 1970\n"
            + "From: Ann Author <ann@example.org>\n"
            + "Date: Fri, 8 Mar 2024 09:00:02 +0000\n"
            + "Subject: [PATCH v2 2/3] greet: print the greeting\n"
            + $"Message-ID: <{HandMadeSeries.V2Patch2}>\n",
            message, StringComparison.Ordinal);
        Assert.Contains(
            "\n\nPrint the shared greeting instead of a literal.\n\n"
            + "Signed-off-by: Ann Author <ann@example.org>\n"
            + "Acked-by: Otto Owner <otto@example.org>\n"
            + "Link: https://lore.kernel.org/r/greet%2Fv2+2$=&%25@example.org\n"
            + "---\n"
            + " src/hello.c | 4 +++-\n",
            message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_1_mbox_collects_the_reviews_of_each_patch_and_the_test_of_the_cover_letter()
    {
        var id = (await greet.Client.GetFromJsonAsync<JsonElement>("/api/v1/series?q=greet", Ct))[0].GetProperty("id").GetInt64();
        var messages = Messages(await greet.Client.GetStringAsync($"/api/v1/series/{id}/versions/1/mbox", Ct));

        Assert.Equal(
            [
                "Signed-off-by: Ann Author <ann@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\nTested-by: Tom Tester <tom@example.org>\nLink: https://lore.kernel.org/r/greet-v1-1@example.org",
                "Signed-off-by: Ann Author <ann@example.org>\nReviewed-by: Rita Reviewer <rita@example.org>\nTested-by: Tom Tester <tom@example.org>\nLink: https://lore.kernel.org/r/greet-v1-2@example.org",
            ],
            messages.Select(m => string.Join('\n', TrailerLines(m[(m.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]))));
        Assert.Equal(["Subject: [PATCH v1 1/2] greet: add a greeting header", "Subject: [PATCH v1 2/2] greet: print the greeting"],
            messages.Select(m => m.Split('\n').Single(l => l.StartsWith("Subject: ", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Patch_of_an_id_with_url_characters_round_trips_with_its_neighbours_and_numbered_lines()
    {
        var patch = await greet.Client.GetFromJsonAsync<JsonElement>(Url(HandMadeSeries.V2Patch2), Ct);

        Assert.Equal(HandMadeSeries.V2Patch2, patch.GetProperty("messageId").GetString());
        Assert.Equal((2, 2, 3), (patch.GetProperty("version").GetInt32(), patch.GetProperty("index").GetInt32(), patch.GetProperty("total").GetInt32()));
        Assert.Equal((HandMadeSeries.V2Patch1, HandMadeSeries.V2Patch3), (patch.GetProperty("previous").GetString(), patch.GetProperty("next").GetString()));
        var file = Assert.Single(patch.GetProperty("files").EnumerateArray());
        Assert.Equal(("src/hello.c", "modified", 3, 1), (file.GetProperty("newPath").GetString(), file.GetProperty("status").GetString(),
            file.GetProperty("added").GetInt32(), file.GetProperty("removed").GetInt32()));
        Assert.Equal(
            [
                (" ", "#include <stdio.h>", 1, 1),
                (" ", "", 2, 2),
                ("+", "#include \"../include/greet.h\"", null, 3),
                ("+", "", null, 4),
                (" ", "int main(void)", 3, 5),
                (" ", "{", 4, 6),
                ("-", "\tprintf(\"hello\\n\");", 5, null),
                ("+", "\tputs(GREETING);", null, 7),
                (" ", "\treturn 0;", 6, 8),
                (" ", "}", 7, 9),
            ],
            Assert.Single(file.GetProperty("hunks").EnumerateArray()).GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("kind").GetString()!,
                l.GetProperty("text").GetString()!, Number(l.GetProperty("oldLine")), Number(l.GetProperty("newLine")))));
    }

    [Fact]
    public async Task Patch_written_for_someone_else_names_the_in_body_author()
    {
        var patch = await greet.Client.GetFromJsonAsync<JsonElement>(Url(HandMadeSeries.V2Patch3), Ct);
        var file = Assert.Single(patch.GetProperty("files").EnumerateArray());

        Assert.Equal(("Zoë Dörr", "zoe@example.org"), Person(patch.GetProperty("author")));
        Assert.StartsWith("Point readers at the header", patch.GetProperty("commitMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, patch.GetProperty("next").ValueKind);
        Assert.Equal(("README", "README"), (file.GetProperty("oldPath").GetString(), file.GetProperty("newPath").GetString()));
    }

    [Fact]
    public async Task Interdiff_of_a_reworked_patch_shows_the_changed_diff_line_and_keeps_url_characters()
    {
        var reworked = await greet.Client.GetStringAsync(Url(HandMadeSeries.V2Patch2, "/interdiff?against=" + Uri.EscapeDataString(HandMadeSeries.V1Patch2)), Ct);
        var reviewed = await greet.Client.GetStringAsync(Url(HandMadeSeries.V2Patch1, "/interdiff?against=" + Uri.EscapeDataString(HandMadeSeries.V1Patch1)), Ct);

        Assert.StartsWith("diff --git a/src/hello.c b/src/hello.c\n", reworked, StringComparison.Ordinal);
        Assert.Contains("\n-+\tprintf(\"%s\\n\", GREETING);\n++\tputs(GREETING);\n", reworked, StringComparison.Ordinal);
        // Patch 1 kept its diff; only the Reviewed-by its author added to the message differs.
        Assert.StartsWith("diff --git a/COMMIT_MSG b/COMMIT_MSG\n", reviewed, StringComparison.Ordinal);
        Assert.Contains("\n+Reviewed-by: Rita Reviewer <rita@example.org>\n", reviewed, StringComparison.Ordinal);
        Assert.DoesNotContain("greet.h", reviewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interdiff_without_against_is_a_400_naming_it_and_with_an_unknown_one_a_404_naming_that_id()
    {
        using var missing = await greet.Client.GetAsync(Url(HandMadeSeries.V2Patch2, "/interdiff"), Ct);
        using var unknown = await greet.Client.GetAsync(Url(HandMadeSeries.V2Patch2, "/interdiff?against=no-such-patch%40example.org"), Ct);
        using var reply = await greet.Client.GetAsync(Url(HandMadeSeries.V2Patch3Review, "/interdiff?against=" + Uri.EscapeDataString(HandMadeSeries.V2Patch3)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["against"], (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<no-such-patch@example.org>", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Contains($"<{HandMadeSeries.V2Patch3Review}>", (await reply.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/mbox")]
    public async Task Reply_cover_letter_or_unknown_id_is_no_patch_and_answers_404_problem_json(string suffix)
    {
        foreach (var id in new[] { HandMadeSeries.V2Patch3Review, HandMadeSeries.V2Cover, "no-such-patch@example.org" })
        {
            using var response = await greet.Client.GetAsync(Url(id, suffix), Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"<{id}>", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Empty_message_id_is_a_validation_problem_naming_the_parameter()
    {
        using var response = await greet.Client.GetAsync("/api/v1/patches/", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("messageId", out _));
    }

    /// <summary>The messages of an mboxrd file, each from its "From mboxrd@z" line.</summary>
    static List<string> Messages(string mbox)
        => [.. mbox.Split("\nFrom mboxrd@z ").Select((m, i) => i == 0 ? m : "From mboxrd@z " + m).Where(m => m.Length > 0)];

    /// <summary>The last paragraph of the commit message: the text before the "---" line, after its last blank line.</summary>
    static string[] TrailerLines(string body)
    {
        var message = body[..body.IndexOf("\n---\n", StringComparison.Ordinal)];
        return message[(message.LastIndexOf("\n\n", StringComparison.Ordinal) + 2)..].Split('\n');
    }

    static (string?, string?) Person(JsonElement person) => (person.GetProperty("name").GetString(), person.GetProperty("email").GetString());

    static int? Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();

    static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Runs git without the machine's or the user's configuration; a fixed committer keeps the run repeatable.</summary>
    static async Task<string> GitAsync(string directory, byte[]? input, string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["LC_ALL"] = "C";
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Maya Maintainer";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "maya@example.org";
        start.Environment["GIT_AUTHOR_DATE"] = start.Environment["GIT_COMMITTER_DATE"] = "2024-03-10T12:00:00Z";
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
        var output = git.StandardOutput.ReadToEndAsync(Ct);
        var error = git.StandardError.ReadToEndAsync(Ct);
        if (input is not null)
        {
            await git.StandardInput.BaseStream.WriteAsync(input, Ct);
        }
        git.StandardInput.Close();
        await git.WaitForExitAsync(Ct);
        return git.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {directory} exited with {git.ExitCode}: {await error}");
    }
}
