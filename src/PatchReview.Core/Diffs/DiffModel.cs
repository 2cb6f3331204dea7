namespace PatchReview.Core.Diffs;

/// <summary>What a patch does to one file.</summary>
public enum FileStatus
{
    Modified,
    Added,
    Deleted,
    Renamed,
    Copied,
}

/// <summary>The kind of a hunk line; the value is the character that starts the line in the diff.</summary>
public enum DiffLineKind
{
    Context = ' ',
    Added = '+',
    Removed = '-',
}

/// <summary>Something a mailer did to a diff that <see cref="GitDiff.Parse"/> read past instead of failing.</summary>
public enum DiffProblemKind
{
    /// <summary>An empty line inside a hunk, read as an empty context line: the mailer stripped its single space.</summary>
    BlankContextLine,
    /// <summary>A line inside a hunk that is no diff line, skipped: usually the tail of a line the mailer wrapped.</summary>
    StrayLine,
    /// <summary>A hunk ended (next hunk, next file, end of the diff) before the lines its header counted.</summary>
    ShortHunk,
    /// <summary>A hunk line beyond what its header counted on that side.</summary>
    ExtraLine,
    /// <summary>An <c>@@</c> line whose line numbers cannot be read; its lines are taken until one is no diff line.</summary>
    BadHunkHeader,
}

/// <summary>Where in the diff text (1-based line number) a mailer damaged it, and how.</summary>
public readonly record struct DiffProblem(int LineNumber, DiffProblemKind Kind);

/// <summary>
/// One line of a hunk. <see cref="Content"/> is the line without its leading '+', '-' or ' ', sliced from the diff
/// text rather than copied; <see cref="Text"/> copies it. <c>-static int x;</c> in <c>@@ -10,2 +10,2 @@</c> is
/// <c>(Removed, "static int x;", OldLine: 10, NewLine: null)</c>.
/// </summary>
public readonly record struct DiffLine(DiffLineKind Kind, ReadOnlyMemory<char> Content, int? OldLine, int? NewLine)
{
    /// <summary>A <c>\ No newline at end of file</c> line followed this one.</summary>
    public bool NoNewlineAtEnd { get; init; }

    public string Text => Content.ToString();
}

/// <summary>
/// One hunk: <c>@@ -120,7 +121,8 @@ static int zpci_reg_ioat(...)</c> has OldStart 120, OldLines 7, NewStart 121,
/// NewLines 8 and Section <c>static int zpci_reg_ioat(...)</c>. A count left out means 1 (<c>@@ -1 +1 @@</c>).
/// </summary>
public sealed record Hunk(
    string Header,
    int OldStart,
    int OldLines,
    int NewStart,
    int NewLines,
    string Section,
    IReadOnlyList<DiffLine> Lines);

/// <summary>
/// What one patch does to one file: <c>diff --git a/arch/s390/kvm/pci.c b/arch/s390/kvm/pci.c</c> with
/// <c>new file mode 100644</c> is Status Added, OldPath null, NewPath <c>arch/s390/kvm/pci.c</c>, NewMode 100644.
/// </summary>
public sealed record FileDiff
{
    /// <summary>The path before the change (prefix such as <c>a/</c> removed); null when the file is new.</summary>
    public required string? OldPath { get; init; }
    /// <summary>The path after the change; null when the file is deleted.</summary>
    public required string? NewPath { get; init; }
    public required FileStatus Status { get; init; }
    /// <summary>The percentage of <c>similarity index 93%</c> for renames and copies.</summary>
    public required int? Similarity { get; init; }
    /// <summary>Octal mode before the change (<c>100644</c>) when the diff says it: old mode, deleted file mode, index.</summary>
    public required string? OldMode { get; init; }
    /// <summary>Octal mode after the change when the diff says it: new mode, new file mode, index.</summary>
    public required string? NewMode { get; init; }
    /// <summary>Abbreviated blob names from the <c>index 1a2b3c4..5d6e7f8</c> line; null without one.</summary>
    public required string? OldBlob { get; init; }
    public required string? NewBlob { get; init; }
    /// <summary><c>Binary files … differ</c>, or a <c>GIT binary patch</c> block (kept verbatim in <see cref="BinaryPatch"/>).</summary>
    public required bool IsBinary { get; init; }
    /// <summary>The <c>GIT binary patch</c> block as sent (literal/delta lines and base85 data); null otherwise.</summary>
    public required string? BinaryPatch { get; init; }
    public required int Added { get; init; }
    public required int Removed { get; init; }
    public required IReadOnlyList<Hunk> Hunks { get; init; }
    /// <summary>This file's part of the diff text, from its first header line to the last line of its last hunk.</summary>
    public required ReadOnlyMemory<char> Text { get; init; }

    /// <summary>The path to show: the new one, or the old one for a deleted file.</summary>
    public string Path => NewPath ?? OldPath ?? "";

    public IEnumerable<ReadOnlyMemory<char>> AddedLines => LinesOf(DiffLineKind.Added);

    public IEnumerable<ReadOnlyMemory<char>> RemovedLines => LinesOf(DiffLineKind.Removed);

    IEnumerable<ReadOnlyMemory<char>> LinesOf(DiffLineKind kind)
    {
        foreach (var hunk in Hunks)
        {
            foreach (var line in hunk.Lines)
            {
                if (line.Kind == kind)
                {
                    yield return line.Content;
                }
            }
        }
    }
}

/// <summary>The summary line of a diffstat: <c>3 files changed, 85 insertions(+), 2 deletions(-)</c>.</summary>
public readonly record struct DiffStat(int FilesChanged, int Insertions, int Deletions);

/// <summary>The numbers of a hunk header line, and where its section text starts.</summary>
internal readonly record struct HunkHeader(int OldStart, int OldLines, int NewStart, int NewLines, int SectionOffset)
{
    /// <summary>Reads <c>@@ -a[,b] +c[,d] @@[ section]</c>; a count left out is 1, as in <c>@@ -1 +1 @@</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, out HunkHeader header)
    {
        header = default;
        if (!line.StartsWith("@@ -"))
        {
            return false;
        }

        var position = 4;
        if (!TryRange(line, ref position, out var oldStart, out var oldLines)
            || !line[position..].StartsWith(" +"))
        {
            return false;
        }

        position += 2;
        if (!TryRange(line, ref position, out var newStart, out var newLines) || !line[position..].StartsWith(" @@"))
        {
            return false;
        }

        position += 3;
        if (position < line.Length && line[position] == ' ')
        {
            position++;
        }

        header = new HunkHeader(oldStart, oldLines, newStart, newLines, position);
        return true;
    }

    static bool TryRange(ReadOnlySpan<char> line, ref int position, out int start, out int count)
    {
        count = 1;
        if (!TryNumber(line, ref position, out start))
        {
            return false;
        }

        if (position < line.Length && line[position] == ',')
        {
            position++;
            return TryNumber(line, ref position, out count);
        }

        return true;
    }

    static bool TryNumber(ReadOnlySpan<char> line, ref int position, out int value)
    {
        value = 0;
        var begin = position;
        while (position < line.Length && char.IsAsciiDigit(line[position]) && position - begin < 9)
        {
            value = value * 10 + (line[position] - '0');
            position++;
        }

        return position > begin && (position >= line.Length || !char.IsAsciiDigit(line[position]));
    }
}
