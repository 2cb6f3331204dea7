namespace PatchReview.Core.Diffs;

/// <summary>
/// A unified diff read into files, hunks and numbered lines: git's (<c>diff --git</c> with extended headers,
/// renames, copies, modes, binary patches) and plain ones (<c>--- a/x</c>/<c>+++ b/x</c>, quilt's <c>Index:</c>).
/// <code>
/// var diff = GitDiff.Parse(PatchBody.Split(message.BodyText).Diff);
/// // diff.Files[0].NewPath == "arch/s390/kvm/pci.c", diff.Stat == new DiffStat(3, 85, 2)
/// </code>
/// </summary>
/// <remarks>
/// Mail damages diffs: mailers wrap long lines, strip the space of an empty context line, and senders hand-edit
/// hunks without fixing the counts. Parse never throws on such input; it reads on and lists what it met in
/// <see cref="Problems"/>.
/// </remarks>
public sealed record GitDiff(IReadOnlyList<FileDiff> Files, IReadOnlyList<DiffProblem> Problems)
{
    public static readonly GitDiff Empty = new([], []);

    /// <summary>Files changed, lines added and removed, as <c>git apply --stat</c> counts them (a binary file counts no lines); summed on each call.</summary>
    public DiffStat Stat
    {
        get
        {
            var (added, removed) = (0, 0);
            foreach (var file in Files)
            {
                added += file.Added;
                removed += file.Removed;
            }

            return new DiffStat(Files.Count, added, removed);
        }
    }

    /// <summary>Every path the diff touches, old and new (both sides of a rename); a new set on each call.</summary>
    public IReadOnlySet<string> TouchedPaths
    {
        get
        {
            var paths = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Files)
            {
                if (file.OldPath is not null)
                {
                    paths.Add(file.OldPath);
                }

                if (file.NewPath is not null)
                {
                    paths.Add(file.NewPath);
                }
            }

            return paths;
        }
    }

    /// <summary>
    /// Reads the first diff in <paramref name="text"/> (lines before it are skipped) up to its end: the last hunk's
    /// last line, before a <c>-- </c> signature or any other text.
    /// </summary>
    public static GitDiff Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = DiffScanner.FindStart(text, 0);
        return start < 0 ? Empty : new Reader(text, start).Read();
    }

    /// <summary>
    /// Reads the diff where <see cref="PatchBody.Locate"/> found it in a patch's <paramref name="body"/>, in place: the
    /// lines' contents are slices of the body, and no copy of the diff is made. An empty range reads as no diff.
    /// <see cref="Problems"/> count their lines from the start of the body.
    /// </summary>
    public static GitDiff Parse(string body, Range diff)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (start, length) = diff.GetOffsetAndLength(body.Length);
        return length == 0 ? Empty : new Reader(body, start).Read();
    }

    sealed class Reader(string text, int start)
    {
        readonly List<FileDiff> _files = [];
        List<DiffProblem>? _problems;
        DiffScanner _scanner = new(text, start);

        // The file being read.
        bool _open;
        bool _sawOldFile;
        int _fileStart;
        int _fileEnd;
        string? _oldPath;
        string? _newPath;
        bool _oldIsNull;
        bool _newIsNull;
        FileStatus _status;
        int? _similarity;
        string? _oldMode;
        string? _newMode;
        string? _oldBlob;
        string? _newBlob;
        bool _binary;
        int _binaryStart = -1;
        int _binaryEnd;
        int _added;
        int _removed;
        List<Hunk>? _hunks;

        // The hunk being read.
        string? _hunkHeader;
        string _section = "";
        int _hunkOldStart;
        int _hunkOldLines;
        int _hunkNewStart;
        int _hunkNewLines;
        int _oldLine;
        int _newLine;
        List<DiffLine>? _lines;

        public GitDiff Read()
        {
            while (_scanner.Next())
            {
                if (_scanner.Problem is { } problem)
                {
                    (_problems ??= []).Add(new DiffProblem(_scanner.LineNumber, problem));
                }

                Take(_scanner.Role, _scanner.Line);
            }

            if (_scanner.EndedShort)
            {
                (_problems ??= []).Add(new DiffProblem(_scanner.LineNumber, DiffProblemKind.ShortHunk));
            }

            CloseFile();
            return new GitDiff(_files, _problems is null ? [] : _problems);
        }

        void Take(DiffLineRole role, ReadOnlySpan<char> line)
        {
            switch (role)
            {
                case DiffLineRole.FileStart:
                    OpenFile();
                    if (line.StartsWith("diff --git "))
                    {
                        (_oldPath, _newPath) = DiffPath.FromGitHeader(line["diff --git ".Length..]);
                    }
                    else if (line.StartsWith("Index: "))
                    {
                        _oldPath = _newPath = DiffPath.FromFileLine(line["Index: ".Length..]);
                    }

                    break;
                case DiffLineRole.Header:
                    Header(line);
                    break;
                case DiffLineRole.OldFile:
                    // A diff without git's header has no other line that starts a file.
                    if (!_open || _sawOldFile || _hunks is not null)
                    {
                        OpenFile();
                    }

                    _sawOldFile = true;
                    _oldPath = DiffPath.FromFileLine(line[4..]);
                    _oldIsNull = _oldPath is null;
                    break;
                case DiffLineRole.NewFile:
                    _newPath = DiffPath.FromFileLine(line[4..]);
                    _newIsNull = _newPath is null;
                    break;
                case DiffLineRole.Binary:
                    _binary = true;
                    if (_binaryStart < 0 && line.StartsWith("GIT binary patch"))
                    {
                        _binaryStart = _scanner.LineStart;
                    }

                    if (_binaryStart >= 0 && !line.IsEmpty)
                    {
                        _binaryEnd = _scanner.LineStart + _scanner.LineLength;
                    }

                    break;
                case DiffLineRole.HunkHeader:
                    CloseHunk();
                    _hunkHeader = line.ToString();
                    _section = text.Substring(_scanner.SectionStart, _scanner.SectionLength);
                    (_hunkOldStart, _hunkOldLines, _hunkNewStart, _hunkNewLines) =
                        (_scanner.OldStart, _scanner.OldCount, _scanner.NewStart, _scanner.NewCount);
                    (_oldLine, _newLine) = (_hunkOldStart, _hunkNewStart);
                    // A hunk has at most the lines of both its sides, its context counted twice: room for them all
                    // costs a few context lines, where room for the larger side alone grew (and copied) the list
                    // whenever a hunk both removes and adds.
                    _lines = new List<DiffLine>(Math.Clamp(_hunkOldLines + _hunkNewLines, 0, 4096));
                    break;
                case DiffLineRole.Context:
                    AddLine(DiffLineKind.Context, _scanner.LineStart + 1, _scanner.LineLength - 1);
                    break;
                case DiffLineRole.BlankContext:
                    AddLine(DiffLineKind.Context, _scanner.LineStart, 0);
                    break;
                case DiffLineRole.Added:
                    AddLine(DiffLineKind.Added, _scanner.LineStart + 1, _scanner.LineLength - 1);
                    break;
                case DiffLineRole.Removed:
                    AddLine(DiffLineKind.Removed, _scanner.LineStart + 1, _scanner.LineLength - 1);
                    break;
                case DiffLineRole.NoNewline:
                    if (_lines is { Count: > 0 })
                    {
                        _lines[^1] = _lines[^1] with { NoNewlineAtEnd = true };
                    }

                    break;
                case DiffLineRole.Stray:
                    break;
            }

            if (_open)
            {
                _fileEnd = _scanner.LineStart + _scanner.LineLength;
            }
        }

        void Header(ReadOnlySpan<char> line)
        {
            if (line.StartsWith("index "))
            {
                var value = line["index ".Length..];
                var space = value.IndexOf(' ');
                if (space >= 0)
                {
                    var mode = value[(space + 1)..].Trim().ToString();
                    _oldMode ??= mode;
                    _newMode ??= mode;
                    value = value[..space];
                }

                var dots = value.IndexOf("..");
                if (dots >= 0)
                {
                    _oldBlob = value[..dots].ToString();
                    _newBlob = value[(dots + 2)..].ToString();
                }
            }
            else if (line.StartsWith("new file mode "))
            {
                _status = FileStatus.Added;
                _newMode = line["new file mode ".Length..].Trim().ToString();
                _oldIsNull = true;
            }
            else if (line.StartsWith("deleted file mode "))
            {
                _status = FileStatus.Deleted;
                _oldMode = line["deleted file mode ".Length..].Trim().ToString();
                _newIsNull = true;
            }
            else if (line.StartsWith("old mode "))
            {
                _oldMode = line["old mode ".Length..].Trim().ToString();
            }
            else if (line.StartsWith("new mode "))
            {
                _newMode = line["new mode ".Length..].Trim().ToString();
            }
            else if (line.StartsWith("rename from "))
            {
                _status = FileStatus.Renamed;
                _oldPath = DiffPath.FromRenameLine(line["rename from ".Length..]);
            }
            else if (line.StartsWith("rename to "))
            {
                _status = FileStatus.Renamed;
                _newPath = DiffPath.FromRenameLine(line["rename to ".Length..]);
            }
            else if (line.StartsWith("copy from "))
            {
                _status = FileStatus.Copied;
                _oldPath = DiffPath.FromRenameLine(line["copy from ".Length..]);
            }
            else if (line.StartsWith("copy to "))
            {
                _status = FileStatus.Copied;
                _newPath = DiffPath.FromRenameLine(line["copy to ".Length..]);
            }
            else if (line.StartsWith("similarity index "))
            {
                var value = line["similarity index ".Length..].TrimEnd().TrimEnd('%');
                _similarity = int.TryParse(value, System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var percent) ? percent : null;
            }
        }

        void AddLine(DiffLineKind kind, int contentStart, int contentLength)
        {
            if (_lines is null)
            {
                return;
            }

            var content = text.AsMemory(contentStart, contentLength);
            switch (kind)
            {
                case DiffLineKind.Context:
                    _lines.Add(new DiffLine(kind, content, _oldLine++, _newLine++));
                    break;
                case DiffLineKind.Added:
                    _lines.Add(new DiffLine(kind, content, null, _newLine++));
                    _added++;
                    break;
                default:
                    _lines.Add(new DiffLine(kind, content, _oldLine++, null));
                    _removed++;
                    break;
            }
        }

        void CloseHunk()
        {
            if (_hunkHeader is null)
            {
                return;
            }

            (_hunks ??= []).Add(new Hunk(_hunkHeader, _hunkOldStart, _hunkOldLines, _hunkNewStart, _hunkNewLines,
                _section, _lines!));
            _hunkHeader = null;
            _lines = null;
        }

        void OpenFile()
        {
            CloseFile();
            _open = true;
            _fileStart = _scanner.LineStart;
            _fileEnd = _scanner.LineStart + _scanner.LineLength;
            _sawOldFile = false;
            (_oldPath, _newPath, _oldIsNull, _newIsNull) = (null, null, false, false);
            _status = FileStatus.Modified;
            (_similarity, _oldMode, _newMode, _oldBlob, _newBlob) = (null, null, null, null, null);
            (_binary, _binaryStart, _binaryEnd) = (false, -1, 0);
            (_added, _removed) = (0, 0);
            _hunks = null;
        }

        void CloseFile()
        {
            if (!_open)
            {
                return;
            }

            CloseHunk();
            _open = false;
            var status = _status;
            if (_oldIsNull && status == FileStatus.Modified)
            {
                status = FileStatus.Added;
            }
            else if (_newIsNull && status == FileStatus.Modified)
            {
                status = FileStatus.Deleted;
            }

            _files.Add(new FileDiff
            {
                OldPath = _oldIsNull || status == FileStatus.Added ? null : _oldPath,
                NewPath = _newIsNull || status == FileStatus.Deleted ? null : _newPath,
                Status = status,
                Similarity = _similarity,
                OldMode = status == FileStatus.Added ? null : _oldMode,
                NewMode = status == FileStatus.Deleted ? null : _newMode,
                OldBlob = _oldBlob,
                NewBlob = _newBlob,
                IsBinary = _binary,
                BinaryPatch = _binaryStart >= 0 ? text[_binaryStart.._binaryEnd] : null,
                Added = _added,
                Removed = _removed,
                Hunks = _hunks is null ? [] : _hunks,
                Text = text.AsMemory(_fileStart, _fileEnd - _fileStart),
            });
        }
    }
}
