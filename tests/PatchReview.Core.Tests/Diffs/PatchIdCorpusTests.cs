using System.Text.RegularExpressions;
using PatchReview.Core.Diffs;
using Xunit;

namespace PatchReview.Core.Tests.Diffs;

/// <summary>PatchId against the real <c>git patch-id --stable</c>, run once per archive over every patch in it.</summary>
public sealed partial class PatchIdCorpusTests
{
    [Theory]
    [InlineData("zpci-series.mbox.gz", new string[0])]
    // Both carry the same diff pasted through Thunderbird into "Re: [PATCH 0/2] kernel: add new infrastructure for
    // platform_has() support" (v1 and v3): indentation turned into U+00A0 and the hunk line "@@ -109,6 +109,8 @@
    // static DEFINE_PER_CPU(struct tls_descs, " wrapped before "shadow_tls_desc);". git's counts go wrong there, it
    // ends the patch early and hashes the rest as a second one; the first id is the one compared.
    [InlineData("linux-s390-2022q2.mbox.gz", new[] { "9aa13b10-7342-461c-38a5-eb56d7e69b23@gmail.com", "f7b43321-eb31-b8fb-0a65-0f5f04526be5@gmail.com" })]
    public async Task Every_diff_in_the_archive_gets_the_id_git_patch_id_stable_prints(string archive, string[] splitByGit)
    {
        var messages = await DiffCorpus.MessagesAsync(archive);
        var patches = new List<(string Name, string Text, string MessageId)>();
        foreach (var message in messages)
        {
            var diff = PatchBody.Split(message.BodyText).Diff;
            if (diff.Length > 0)
            {
                patches.Add((DiffCorpus.Name(patches.Count + 1), diff, message.MessageId));
            }
        }

        var (git, splitInTwo) = DiffCorpus.GitPatchIds(patches.Select(p => (p.Name, p.Text)).ToList());

        var wrong = patches
            .Where(p => git.GetValueOrDefault(p.Name) != PatchId.Compute(p.Text))
            .Select(p => $"{p.MessageId}: git {git.GetValueOrDefault(p.Name) ?? "none"}, computed {PatchId.Compute(p.Text) ?? "none"}")
            .ToList();
        Assert.Empty(wrong);
        var byName = patches.ToDictionary(p => p.Name, p => p.MessageId);
        Assert.Equal(splitByGit, splitInTwo.Select(name => byName[name]));
        // Quilt patches (Peter Zijlstra's "[PATCH 02/36] x86/idle: ...") have no "diff" line and so no id from git.
        Assert.True(git.Count > patches.Count * 9 / 10, $"git printed ids for only {git.Count} of {patches.Count} diffs");
    }

    [Theory]
    // zpci: "Re: [PATCH 07/32] s390/pci: externalize the SIC operation controls and routine" quotes "commit 48070c73...".
    [InlineData("zpci-series.mbox.gz", 1)]
    // linux-s390: mostly stable backports, "[PATCH 5.10 113/129] perf symbol: ..." with "commit 838425f2... upstream.".
    [InlineData("linux-s390-2022q2.mbox.gz", 20)]
    public async Task Every_whole_body_gets_the_first_id_git_prints_for_it(string archive, int withObjectNameLine)
    {
        var messages = await DiffCorpus.MessagesAsync(archive);
        // A body line git takes as the start of another patch (stable backports' "commit <sha1> upstream.", a quoted
        // "From <sha1> Mon Sep 17 00:00:00 2001") makes git print the body's id under that name instead; the split
        // diffs of those bodies are compared above.
        var bodies = messages.Where(m => !ObjectNameLine().IsMatch(m.BodyText)).ToList();
        var named = bodies.Select((m, i) => (Name: DiffCorpus.Name(i + 1), Text: m.BodyText)).ToList();

        var (git, _) = DiffCorpus.GitPatchIds(named);

        var wrong = named.Zip(bodies)
            .Where(pair => git.GetValueOrDefault(pair.First.Name) != PatchId.Compute(pair.First.Text))
            .Select(pair => pair.Second.MessageId)
            .ToList();
        Assert.Empty(wrong);
        Assert.Equal(withObjectNameLine, messages.Count - bodies.Count);
    }

    [GeneratedRegex("^(commit |From )?[0-9a-fA-F]{40}", RegexOptions.Multiline)]
    private static partial Regex ObjectNameLine();
}
