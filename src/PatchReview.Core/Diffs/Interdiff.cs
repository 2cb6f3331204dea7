using System.Text;

namespace PatchReview.Core.Diffs;

/// <summary>How a file's part of a patch changed between two versions of the patch.</summary>
public enum InterdiffChange
{
    /// <summary>Both versions touch the file, differently.</summary>
    Changed,
    /// <summary>Only the newer version touches the file.</summary>
    AddedToPatch,
    /// <summary>Only the older version touches the file.</summary>
    RemovedFromPatch,
}

/// <summary>A file whose part of the patch differs between two versions: <c>("arch/s390/include/asm/pci.h", RemovedFromPatch)</c>.</summary>
public sealed record InterdiffFile(string Path, InterdiffChange Change);

/// <summary>
/// What changed between two versions of a patch, as a unified diff (<c>text/x-diff</c>) of the commit message
/// (as file <c>COMMIT_MSG</c>) and of each file's part of the diff. Its hunks show patch lines, so <c>+-foo</c>
/// reads "the new version removes foo, the old did not".
/// </summary>
/// <param name="Text">The diff of the two versions; empty when nothing changed.</param>
/// <param name="MessageChanged">The commit messages differ.</param>
/// <param name="CodeChanged">Some file's part of the diff differs, or one version touches a file the other does not.</param>
/// <param name="Files">The files whose part differs, in the newer version's order, then those only the older one touches.</param>
public sealed record InterdiffResult(string Text, bool MessageChanged, bool CodeChanged, IReadOnlyList<InterdiffFile> Files)
{
    public bool HasChanges => MessageChanged || CodeChanged;
}

/// <summary>
/// Compares two versions of a patch from the two mails alone, with no git tree, the way Patchew shows the
/// difference between v2 and v3 of a series:
/// <code>
/// var result = Interdiff.Compute(PatchBody.Split(v2.BodyText), PatchBody.Split(v3.BodyText));
/// // result.Text starts "diff --git a/COMMIT_MSG b/COMMIT_MSG" when the message changed
/// </code>
/// </summary>
/// <remarks>
/// Hunk headers are compared by their section text only and <c>index</c> lines not at all, so a change earlier in
/// a file that moves later hunks, or any change at all (which renames the blobs), does not show up by itself.
/// Unchanged lines are shown as the newer version has them.
/// </remarks>
public static class Interdiff
{
    public const string MessagePath = "COMMIT_MSG";

    public static InterdiffResult Compute(PatchBody older, PatchBody newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return Compute(older.CommitMessage, GitDiff.Parse(older.Diff), newer.CommitMessage, GitDiff.Parse(newer.Diff));
    }

    public static InterdiffResult Compute(string olderMessage, GitDiff olderDiff, string newerMessage, GitDiff newerDiff)
    {
        ArgumentNullException.ThrowIfNull(olderMessage);
        ArgumentNullException.ThrowIfNull(olderDiff);
        ArgumentNullException.ThrowIfNull(newerMessage);
        ArgumentNullException.ThrowIfNull(newerDiff);

        var output = new StringBuilder();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var oldMessage = olderMessage.Split('\n');
        var newMessage = newerMessage.Split('\n');
        var messageChanged = Write(output, MessagePath, oldMessage, oldMessage, newMessage, newMessage, keys);

        var olderFiles = ByPath(olderDiff);
        var newerFiles = ByPath(newerDiff);
        var files = new List<InterdiffFile>();
        foreach (var (path, newLines) in newerFiles)
        {
            var oldLines = olderFiles.TryGetValue(path, out var found) ? found : null;
            if (oldLines is null)
            {
                WriteWhole(output, path, newLines, added: true);
                files.Add(new InterdiffFile(path, InterdiffChange.AddedToPatch));
            }
            else if (Write(output, path, oldLines, CompareKeys(oldLines), newLines, CompareKeys(newLines), keys))
            {
                files.Add(new InterdiffFile(path, InterdiffChange.Changed));
            }
        }

        foreach (var (path, oldLines) in olderFiles)
        {
            if (!newerFiles.ContainsKey(path))
            {
                WriteWhole(output, path, oldLines, added: false);
                files.Add(new InterdiffFile(path, InterdiffChange.RemovedFromPatch));
            }
        }

        return new InterdiffResult(output.ToString(), messageChanged, files.Count > 0, files);
    }

    // Each path's part of the diff, as lines, in diff order; a path listed twice has its parts joined.
    static OrderedDictionary<string, List<string>> ByPath(GitDiff diff)
    {
        var byPath = new OrderedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in diff.Files)
        {
            if (!byPath.TryGetValue(file.Path, out var lines))
            {
                byPath.Add(file.Path, lines = []);
            }

            AddComparedLines(file.Text.Span, lines);
        }

        return byPath;
    }

    // The file's header lines that only name it (diff, index, ---, +++, quilt's Index: and ====) are left out: the
    // path is the file's name here, and blob names change with every change. Mode, rename and similarity lines stay.
    static void AddComparedLines(ReadOnlySpan<char> text, List<string> lines)
    {
        var inHeader = true;
        foreach (var range in text.Split('\n'))
        {
            var line = text[range];
            if (inHeader)
            {
                if (line.StartsWith("@@ ") || line.StartsWith("GIT binary patch") || line.StartsWith("Binary files "))
                {
                    inHeader = false;
                }
                else if (line.StartsWith("diff ") || line.StartsWith("index ") || line.StartsWith("--- ")
                         || line.StartsWith("+++ ") || line.StartsWith("Index: ") || line.StartsWith("==="))
                {
                    continue;
                }
            }

            lines.Add(line.ToString());
        }
    }

    // "@@ -120,7 +121,8 @@ static int f(void)" compares as "@@ static int f(void)".
    static IReadOnlyList<string> CompareKeys(List<string> lines)
    {
        var keys = new string[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            keys[i] = line.StartsWith("@@ ", StringComparison.Ordinal) && HunkHeader.TryParse(line, out var header)
                ? "@@ " + line[header.SectionOffset..]
                : line;
        }

        return keys;
    }

    static bool Write(StringBuilder output, string path, IReadOnlyList<string> oldLines, IReadOnlyList<string> oldKeys,
        IReadOnlyList<string> newLines, IReadOnlyList<string> newKeys, Dictionary<string, int> keys)
    {
        var diff = LineDiff.Compare(Ids(oldKeys, keys), Ids(newKeys, keys));
        if (!diff.HasChanges)
        {
            return false;
        }

        output.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        output.Append("--- a/").Append(path).Append('\n');
        output.Append("+++ b/").Append(path).Append('\n');
        diff.WriteHunks(output, oldLines, newLines);
        return true;
    }

    static void WriteWhole(StringBuilder output, string path, List<string> lines, bool added)
    {
        output.Append("diff --git a/").Append(path).Append(" b/").Append(path).Append('\n');
        output.Append(added ? "--- /dev/null\n" : "--- a/").Append(added ? "" : path + "\n");
        output.Append(added ? "+++ b/" + path + "\n" : "+++ /dev/null\n");
        if (lines.Count == 0)
        {
            return;
        }

        var count = lines.Count == 1 ? "" : "," + lines.Count;
        output.Append(added ? $"@@ -0,0 +1{count} @@\n" : $"@@ -1{count} +0,0 @@\n");
        foreach (var line in lines)
        {
            output.Append(added ? '+' : '-').Append(line).Append('\n');
        }
    }

    static int[] Ids(IReadOnlyList<string> lines, Dictionary<string, int> keys)
    {
        var ids = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keys.TryGetValue(lines[i], out ids[i]))
            {
                ids[i] = keys.Count;
                keys.Add(lines[i], ids[i]);
            }
        }

        return ids;
    }
}
