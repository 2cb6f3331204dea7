namespace PatchReview.Core.Patches;

/// <summary>
/// What changed for one version, as a cover letter or a patch's notes list it:
/// <c>Changelog v6->v7:</c> is FromVersion 6, ToVersion 7; <c>Changes since v1:</c> is FromVersion 1 and ToVersion 2
/// inferred; <c>Changes in v3</c> and <c>v2:</c> name only the ToVersion.
/// </summary>
/// <param name="FromVersion">The version the changes start from, when the header names it.</param>
/// <param name="ToVersion">The version that has the changes, when the header names it or it follows from "since vN".</param>
/// <param name="ToVersionInferred">ToVersion was not written but taken as FromVersion + 1 ("Changes since v1:").</param>
/// <param name="Header">The header line as written, trimmed; a one-line section keeps its change in it ("v2: drop the check").</param>
/// <param name="Line">The 1-based line of the header in the parsed text.</param>
/// <param name="Items">The changes in the order written.</param>
public sealed record ChangelogSection(
    int? FromVersion,
    int? ToVersion,
    bool ToVersionInferred,
    string Header,
    int Line,
    IReadOnlyList<ChangelogItem> Items);

/// <summary>
/// One change: <c>- Add a few lockdep_assert_held calls (Christian)</c> is Text "Add a few lockdep_assert_held calls
/// (Christian)" with Credits ["Christian"].
/// </summary>
/// <param name="Number">1-based position in its section.</param>
/// <param name="Text">The item without its bullet or number, wrapped lines joined with one space.</param>
/// <param name="Credits">The people the item credits, as written: "Christian", "kernel bot", "Jason" from "per Jason".</param>
/// <param name="Line">The 1-based line where the item starts in the parsed text.</param>
public sealed record ChangelogItem(int Number, string Text, IReadOnlyList<string> Credits, int Line);

/// <summary>A credit and the participant it names, or null when no one or more than one person fits.</summary>
public sealed record ChangelogCredit(string Credit, Mail.Person? Person);
