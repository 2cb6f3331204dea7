namespace PatchReview.Core.Diffs;

/// <summary>What one line of a diff is, as <see cref="DiffScanner"/> reads it.</summary>
internal enum DiffLineRole : byte
{
    /// <summary><c>diff --git a/x b/x</c>, <c>diff -urN a/x b/x</c>, or quilt's <c>Index: x</c>.</summary>
    FileStart,
    /// <summary>An extended header (<c>index</c>, <c>old mode</c>, <c>rename from</c>, …) or quilt's <c>====</c> rule.</summary>
    Header,
    OldFile,
    NewFile,
    /// <summary><c>Binary files a/x and b/x differ</c>, or a line of a <c>GIT binary patch</c> block.</summary>
    Binary,
    HunkHeader,
    Context,
    Added,
    Removed,
    /// <summary><c>\ No newline at end of file</c> about the line before.</summary>
    NoNewline,
    /// <summary>An empty line inside a hunk: a context line whose single space a mailer stripped.</summary>
    BlankContext,
    /// <summary>A line inside a hunk that is no diff line: usually the tail of a line the mailer wrapped.</summary>
    Stray,
}

/// <summary>
/// Walks a diff line by line and says what each line is, keeping the hunk line counts so it knows where the diff
/// ends: the <c>-- </c> line before <c>2.35.1</c> is a signature after the last hunk, but a removed line <c>- </c>
/// inside one. Shared by <see cref="PatchBody.Split"/> (which only needs the end) and <see cref="GitDiff.Parse"/>.
/// </summary>
/// <remarks>
/// Lines end at '\n' only: kernel sources carry form feeds (^L page breaks in old GNU-style files) and
/// <c>EnumerateLines</c> would split on them, where git does not.
/// </remarks>
internal struct DiffScanner
{
    enum State : byte
    {
        Header,
        Hunk,
        BetweenHunks,
        Binary,
    }

    // A hunk whose header cannot be read has no counts; its lines run until something that is no hunk line.
    const int Unbounded = int.MaxValue / 2;

    readonly string _text;
    int _next;
    State _state;

    public DiffScanner(string text, int start)
    {
        _text = text;
        _next = start;
        End = start;
        _state = State.Header;
        LineNumber = start == 0 ? 0 : text.AsSpan(0, start).Count('\n');
    }

    /// <summary>Start of the current line in the text.</summary>
    public int LineStart { get; private set; }
    /// <summary>Length of the current line, without its '\n' (and without a '\r' before it).</summary>
    public int LineLength { get; private set; }
    /// <summary>1-based number of the current line in the whole text.</summary>
    public int LineNumber { get; private set; }
    public DiffLineRole Role { get; private set; }
    /// <summary>What was wrong with the current line or with the hunk it closes; null when nothing.</summary>
    public DiffProblemKind? Problem { get; private set; }
    /// <summary>After <see cref="Next"/> returned false: the end of the last diff line, past its '\n'.</summary>
    public int End { get; private set; }
    /// <summary>After <see cref="Next"/> returned false: the last hunk lacked lines its header counted.</summary>
    public bool EndedShort { get; private set; }

    public int OldStart { get; private set; }
    public int OldCount { get; private set; }
    public int NewStart { get; private set; }
    public int NewCount { get; private set; }
    /// <summary>Offset in the text where the hunk header's section text starts, and its length.</summary>
    public int SectionStart { get; private set; }
    public int SectionLength { get; private set; }
    /// <summary>The current hunk header could not be read; its counts are unknown.</summary>
    public bool HunkUnbounded { get; private set; }

    int _oldLeft;
    int _newLeft;
    int _blankRunEnd;
    bool _blankRunContinues;

    public readonly ReadOnlySpan<char> Line => _text.AsSpan(LineStart, LineLength);

    /// <summary>
    /// Where a diff starts in <paramref name="text"/> at or after <paramref name="from"/> (a line start), or -1: the
    /// first <c>diff --git</c>; or a <c>--- </c>, <c>+++ </c>, <c>@@ -</c> triple of a diff without git's header,
    /// taking with it the <c>diff -u …</c> or <c>Index:</c>/<c>====</c> lines right above it.
    /// </summary>
    public static int FindStart(string text, int from)
    {
        var span = text.AsSpan();
        var previous = -1;
        var beforePrevious = -1;
        for (var start = from; start < span.Length;)
        {
            var end = LineEnd(span, start);
            var line = span[start..end];
            if (line.StartsWith("diff --git "))
            {
                return start;
            }

            if (line.StartsWith("--- ") && end < span.Length)
            {
                var second = end + 1;
                var secondEnd = LineEnd(span, second);
                if (span[second..secondEnd].StartsWith("+++ ") && secondEnd < span.Length
                    && span[(secondEnd + 1)..LineEnd(span, secondEnd + 1)].StartsWith("@@ -"))
                {
                    if (previous >= 0 && span[previous..].StartsWith("diff "))
                    {
                        return previous;
                    }

                    if (previous >= 0 && span[previous..].StartsWith("===") && beforePrevious >= 0
                        && span[beforePrevious..].StartsWith("Index: "))
                    {
                        return beforePrevious;
                    }

                    return previous >= 0 && span[previous..].StartsWith("Index: ") ? previous : start;
                }
            }

            beforePrevious = previous;
            previous = start;
            start = end + 1;
        }

        return -1;
    }

    /// <summary>The index of the '\n' ending the line that starts at <paramref name="start"/>, or the text length.</summary>
    public static int LineEnd(ReadOnlySpan<char> text, int start)
    {
        var newline = text[start..].IndexOf('\n');
        return newline < 0 ? text.Length : start + newline;
    }

    /// <summary>Moves to the next line of the diff; false once the diff has ended (see <see cref="End"/>).</summary>
    public bool Next()
    {
        var span = _text.AsSpan();
        Problem = null;
        if (_next >= span.Length)
        {
            return Finish();
        }

        var end = LineEnd(span, _next);
        var length = end - _next;
        if (length > 0 && span[end - 1] == '\r')
        {
            length--;
        }

        LineStart = _next;
        LineLength = length;
        var line = span.Slice(_next, length);
        var after = end < span.Length ? end + 1 : end;

        DiffLineRole? role = _state switch
        {
            State.Header => InHeader(line),
            State.Hunk => InHunk(line, after),
            State.BetweenHunks => BetweenHunks(line, after),
            _ => InBinary(line),
        };
        if (role is not { } known)
        {
            return Finish();
        }

        Role = known;
        LineNumber++;
        _next = after;
        End = after;
        return true;
    }

    bool Finish()
    {
        EndedShort = _state == State.Hunk && !HunkUnbounded && (_oldLeft > 0 || _newLeft > 0);
        _next = _text.Length;
        return false;
    }

    DiffLineRole? InHeader(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("diff ") || line.StartsWith("Index: "))
        {
            return DiffLineRole.FileStart;
        }

        if (line.StartsWith("@@ "))
        {
            return StartHunk();
        }

        if (line.StartsWith("--- "))
        {
            return DiffLineRole.OldFile;
        }

        if (line.StartsWith("+++ "))
        {
            return DiffLineRole.NewFile;
        }

        if (line.StartsWith("Binary files "))
        {
            _state = State.BetweenHunks;
            return DiffLineRole.Binary;
        }

        if (line.StartsWith("GIT binary patch"))
        {
            _state = State.Binary;
            return DiffLineRole.Binary;
        }

        // git's extended headers are all lower case words: index, old mode, new file mode, similarity index, ...
        return line.Length > 0 && (char.IsAsciiLetterLower(line[0]) || line.StartsWith("===")) ? DiffLineRole.Header : null;
    }

    DiffLineRole? InHunk(ReadOnlySpan<char> line, int after)
    {
        if (line.IsEmpty)
        {
            if (HunkUnbounded || !BlankLineContinuesHunk(after))
            {
                return null;
            }

            Count(old: true, @new: true);
            Problem = DiffProblemKind.BlankContextLine;
            return DiffLineRole.BlankContext;
        }

        switch (line[0])
        {
            case ' ':
                Count(old: true, @new: true);
                return DiffLineRole.Context;
            case '+':
                Count(old: false, @new: true);
                return DiffLineRole.Added;
            case '-':
                if (IsSignature(line, after))
                {
                    return null;
                }

                Count(old: true, @new: false);
                return DiffLineRole.Removed;
            case '\\':
                return DiffLineRole.NoNewline;
        }

        if (line.StartsWith("@@ "))
        {
            var shortHunk = !HunkUnbounded;
            var role = StartHunk();
            Problem ??= shortHunk ? DiffProblemKind.ShortHunk : null;
            return role;
        }

        if (line.StartsWith("diff ") || (line.StartsWith("Index: ") && NextLineStartsWith(after, "===")))
        {
            Problem = HunkUnbounded ? null : DiffProblemKind.ShortHunk;
            _state = State.Header;
            return DiffLineRole.FileStart;
        }

        // A quote ends the diff: replies that propose a fix inline go on quoting the mail they answer, as in
        // "Re: [PATCH v3 2/3] mm: rmap: Fix CONT-PTE/PMD size hugetlb issue when migration".
        if (HunkUnbounded || line is ">" || line.StartsWith("> "))
        {
            return null;
        }

        Problem = DiffProblemKind.StrayLine;
        return DiffLineRole.Stray;
    }

    DiffLineRole? BetweenHunks(ReadOnlySpan<char> line, int after)
    {
        if (line.StartsWith("@@ "))
        {
            return StartHunk();
        }

        if (line.StartsWith("diff ") || (line.StartsWith("Index: ") && NextLineStartsWith(after, "===")))
        {
            _state = State.Header;
            return DiffLineRole.FileStart;
        }

        if (line.StartsWith("\\ "))
        {
            return DiffLineRole.NoNewline;
        }

        // A diff without git's header: the next file starts with its "--- " line.
        if (line.StartsWith("--- ") && NextLineStartsWith(after, "+++ "))
        {
            _state = State.Header;
            return DiffLineRole.OldFile;
        }

        return null;
    }

    DiffLineRole? InBinary(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("diff "))
        {
            _state = State.Header;
            return DiffLineRole.FileStart;
        }

        return line.IsEmpty || line.StartsWith("literal ") || line.StartsWith("delta ") || IsBase85Line(line)
            ? DiffLineRole.Binary
            : null;
    }

    DiffLineRole StartHunk()
    {
        _state = State.Hunk;
        if (HunkHeader.TryParse(Line, out var header))
        {
            HunkUnbounded = false;
            (OldStart, OldCount, NewStart, NewCount) = (header.OldStart, header.OldLines, header.NewStart, header.NewLines);
            SectionStart = LineStart + header.SectionOffset;
            SectionLength = LineLength - header.SectionOffset;
            _oldLeft = OldCount;
            _newLeft = NewCount;
            if (_oldLeft == 0 && _newLeft == 0)
            {
                _state = State.BetweenHunks;
            }
        }
        else
        {
            HunkUnbounded = true;
            (OldStart, OldCount, NewStart, NewCount) = (0, 0, 0, 0);
            SectionStart = LineStart + LineLength;
            SectionLength = 0;
            _oldLeft = _newLeft = Unbounded;
            Problem = DiffProblemKind.BadHunkHeader;
        }

        return DiffLineRole.HunkHeader;
    }

    void Count(bool old, bool @new)
    {
        if ((old && _oldLeft == 0) || (@new && _newLeft == 0))
        {
            Problem = DiffProblemKind.ExtraLine;
        }

        if (old && _oldLeft > 0)
        {
            _oldLeft--;
        }

        if (@new && _newLeft > 0)
        {
            _newLeft--;
        }

        if (_oldLeft == 0 && _newLeft == 0)
        {
            _state = State.BetweenHunks;
        }
    }

    // "-- " (or "--" once a mailer stripped the space) inside a hunk is a removed line "- " when the hunk still
    // expects a removed line and either completes with it or goes on with more diff lines; otherwise it is the
    // signature under a hunk whose header counted more lines than were sent.
    readonly bool IsSignature(ReadOnlySpan<char> line, int after)
    {
        if (line is not ("--" or "-- "))
        {
            return false;
        }

        if (HunkUnbounded || _oldLeft == 0)
        {
            return true;
        }

        if (_oldLeft == 1 && _newLeft == 0)
        {
            return false;
        }

        var span = _text.AsSpan();
        if (after >= span.Length)
        {
            return true;
        }

        var next = span[after..LineEnd(span, after)];
        return !(next.IsEmpty || next[0] is ' ' or '+' or '-' or '\\' || next.StartsWith("@@ ") || next.StartsWith("diff "));
    }

    // An empty line is a stripped context line when diff lines follow the run of empty lines it starts, or when the
    // run completes the hunk. Otherwise it is the gap before the text under a hunk that counted too many lines:
    // "Re: [PATCH] KVM: s390: pci: VFIO_PCI ZDEV configuration fix" goes on with "2)" and a .config excerpt.
    // The verdict holds for the whole run, so each run is looked through once.
    bool BlankLineContinuesHunk(int after)
    {
        if (LineStart < _blankRunEnd)
        {
            return _blankRunContinues;
        }

        var span = _text.AsSpan();
        var blanks = 1;
        var position = after;
        var continues = false;
        while (position < span.Length)
        {
            var end = LineEnd(span, position);
            var next = span[position..end].TrimEnd('\r');
            if (!next.IsEmpty)
            {
                continues = next[0] is ' ' or '+' or '-' or '\\' || next.StartsWith("@@ ") || next.StartsWith("diff ");
                break;
            }

            blanks++;
            position = end + 1;
        }

        _blankRunEnd = position;
        _blankRunContinues = continues || (_oldLeft == _newLeft && _oldLeft <= blanks);
        return _blankRunContinues;
    }

    readonly bool NextLineStartsWith(int after, string prefix)
    {
        var span = _text.AsSpan();
        return after < span.Length && span[after..LineEnd(span, after)].StartsWith(prefix);
    }

    // A line of git's base85 binary data: a length letter (A-Z for 1-26 bytes, a-z for 27-52) and 5-char groups.
    static bool IsBase85Line(ReadOnlySpan<char> line)
        => line.Length >= 6 && (line.Length - 1) % 5 == 0 && char.IsAsciiLetter(line[0])
           && !line[1..].ContainsAnyExcept(Base85);

    static readonly System.Buffers.SearchValues<char> Base85 = System.Buffers.SearchValues.Create(
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~");
}
