namespace PatchReview.Core.Mail;

/// <summary>
/// Walks the header fields of a raw message without decoding anything (RFC 5322 section 2.2): a name, a colon, and a
/// value that runs on over folded lines starting with a space or tab. The header block ends at the first empty line,
/// LF or CRLF. Example: <c>Subject: [PATCH v6 16/21]\n vfio-pci/zdev\n\nbody</c> gives one field whose value spans both
/// lines, and <see cref="BodyStart"/> points at <c>body</c>.
/// </summary>
internal ref struct HeaderScanner(ReadOnlySpan<byte> raw)
{
    private readonly ReadOnlySpan<byte> _raw = raw;
    private int _position;

    /// <summary>Index of the first body byte once <see cref="MoveNext"/> has returned false; the length of the raw message when it has no body.</summary>
    public int BodyStart { get; private set; } = raw.Length;

    /// <summary>True once the scan has met the empty line that ends the header block.</summary>
    public bool FoundEmptyLine { get; private set; }

    /// <summary>Where the line after the current field starts: the field with its folded lines and line ends is <c>[name.Start..FieldEnd)</c>.</summary>
    public readonly int FieldEnd => _position;

    /// <summary>
    /// Moves to the next field and gives where its name and value are in the raw message; the value still holds its
    /// folding line ends. Lines without a colon (an mbox <c>From </c> line, junk) are skipped.
    /// </summary>
    public bool MoveNext(out Range name, out Range value)
    {
        while (_position < _raw.Length)
        {
            var lineStart = _position;
            var firstLineEnd = ContentEnd(lineStart, out var next);
            if (firstLineEnd == lineStart)
            {
                FoundEmptyLine = true;
                BodyStart = next;
                _position = _raw.Length;
                break;
            }

            var fieldEnd = firstLineEnd;
            while (next < _raw.Length && _raw[next] is (byte)' ' or (byte)'\t')
            {
                fieldEnd = ContentEnd(next, out next);
            }

            _position = next;
            var colon = _raw[lineStart..firstLineEnd].IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            // RFC 5322 section 4.5.3 (obsolete syntax) allows white space between the field name and the colon.
            var nameLength = _raw.Slice(lineStart, colon).TrimEnd(" \t"u8).Length;
            name = new Range(lineStart, lineStart + nameLength);
            value = new Range(lineStart + colon + 1, fieldEnd);
            return true;
        }

        name = default;
        value = default;
        return false;
    }

    /// <summary>End of the line's content without its LF or CRLF; <paramref name="next"/> is where the next line starts.</summary>
    private readonly int ContentEnd(int lineStart, out int next)
    {
        var newline = _raw[lineStart..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            next = _raw.Length;
            return _raw.Length;
        }

        next = lineStart + newline + 1;
        var end = lineStart + newline;
        return end > lineStart && _raw[end - 1] == (byte)'\r' ? end - 1 : end;
    }
}
