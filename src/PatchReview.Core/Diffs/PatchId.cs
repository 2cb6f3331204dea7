using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PatchReview.Core.Diffs;

/// <summary>
/// The id <c>git patch-id --stable</c> prints for a patch: the same change gets the same id whatever its commit
/// message, line numbers, blob names or white space, so a patch re-sent in v2 or applied by a maintainer is found
/// again. <c>PatchId.Compute(PatchBody.Split(body).Diff)</c> gives the 40-hex id, or null when git prints none.
/// </summary>
/// <remarks>
/// This follows get_one_patchid() in git's builtin/patch-id.c as of git 2.39, state machine and quirks included,
/// because the point is to match ids git computes elsewhere:
/// <list type="bullet">
/// <item>Lines before the first <c>diff </c> line are ignored; a diff without one (quilt's <c>--- a/x</c> only) has no id.</item>
/// <item>Every other line is hashed without its white space (space, tab, CR, LF: git's isspace), except <c>index</c>
/// lines and hunk headers; <c>\ No newline at end of file</c> is skipped.</item>
/// <item>With --stable each file is hashed on its own and the 20-byte SHA-1s are added up (little-endian with carry),
/// so the order of files does not matter.</item>
/// <item>Hunk line counts decide where a hunk ends; in a hunk whose counts are wrong, git hashes what follows
/// (the next <c>@@</c> line, the next file's header) as hunk lines, and so does this.</item>
/// <item>A binary file hashes its header lines plus the two blob names of its <c>index</c> line; the <c>diff</c>
/// line of the file after it is not hashed.</item>
/// <item>The patch ends at a line git takes as the start of the next one (<c>From &lt;sha1&gt;</c>,
/// <c>commit &lt;sha1&gt;</c>, a bare sha1) or at a line that cannot continue the diff, such as <c>-- </c>.</item>
/// </list>
/// </remarks>
public static class PatchId
{
    const int HashSize = 20;
    // git keeps at most GIT_MAX_HEXSZ characters of each blob name from an index line.
    const int MaxBlobName = 64;

    static readonly SearchValues<char> Space = SearchValues.Create(" \t\r\n");
    static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Bit c set for each ASCII character c below 64 that is not white space (space, tab, CR, LF).</summary>
    const ulong KeptAscii = ~((1UL << ' ') | (1UL << '\t') | (1UL << '\r') | (1UL << '\n'));

    /// <summary>The lowercase 40-hex id of the first patch in <paramref name="diff"/>, or null when it has no diff line.</summary>
    public static string? Compute(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        Span<byte> result = stackalloc byte[HashSize];
        return Compute(diff, result) ? Convert.ToHexStringLower(result) : null;
    }

    /// <inheritdoc cref="Compute(string)"/>
    public static string? Compute(ReadOnlySpan<char> diff)
    {
        Span<byte> result = stackalloc byte[HashSize];
        return Compute(diff, result) ? Convert.ToHexStringLower(result) : null;
    }

    /// <summary>Writes the 20-byte id into <paramref name="result"/>; false (and zeroes) when the text has no diff line.</summary>
    public static bool Compute(string diff, Span<byte> result)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return Compute(diff.AsSpan(), result);
    }

    /// <inheritdoc cref="Compute(string, Span{byte})"/>
    public static bool Compute(ReadOnlySpan<char> diff, Span<byte> result)
    {
        if (result.Length < HashSize)
        {
            throw new ArgumentException($"The id takes {HashSize} bytes.", nameof(result));
        }

        result = result[..HashSize];
        result.Clear();
        using var hasher = new Hasher();
        var holdsNul = diff.Contains('\0');
        var patchLength = 0;
        int before = -1, after = -1;
        var binary = false;
        var oldBlob = "";
        var newBlob = "";

        for (var start = 0; start < diff.Length;)
        {
            var newline = diff[start..].IndexOf('\n');
            var hasNewline = newline >= 0;
            var end = hasNewline ? start + newline : diff.Length;
            var line = diff[start..end];
            start = hasNewline ? end + 1 : end;

            // git reads C strings: a NUL ends the line.
            if (holdsNul && line.IndexOf('\0') is var nul and >= 0)
            {
                line = line[..nul];
                hasNewline = false;
            }

            var length = line.Length + (hasNewline ? 1 : 0);
            var rest = line;
            var prefixed = rest.StartsWith("commit ") || rest.StartsWith("From ");
            if (prefixed)
            {
                rest = rest[(rest.IndexOf(' ') + 1)..];
            }
            else if (line.StartsWith("\\ ") && length > 12)
            {
                continue;
            }

            if (IsObjectName(rest))
            {
                if (patchLength > 0)
                {
                    break;
                }

                continue;
            }

            if (patchLength == 0 && !line.StartsWith("diff "))
            {
                continue;
            }

            if (before == -1)
            {
                if (line.StartsWith("GIT binary patch") || line.StartsWith("Binary files"))
                {
                    binary = true;
                    before = 0;
                    hasher.Append(oldBlob);
                    hasher.Append(newBlob);
                    hasher.Flush(result);
                    continue;
                }

                if (line.StartsWith("index "))
                {
                    ReadBlobNames(line, hasNewline, ref oldBlob, ref newBlob);
                    continue;
                }

                if (line.StartsWith("--- "))
                {
                    before = after = 1;
                }
                else if (line.IsEmpty || !char.IsAsciiLetter(line[0]))
                {
                    break;
                }
            }

            if (binary)
            {
                if (line.StartsWith("diff "))
                {
                    binary = false;
                    before = -1;
                }

                continue;
            }

            if (before == 0 && after == 0)
            {
                if (line.StartsWith("@@ -"))
                {
                    ScanHunkHeader(line, ref before, ref after);
                    continue;
                }

                if (!line.StartsWith("diff "))
                {
                    break;
                }

                hasher.Flush(result);
                before = after = -1;
            }

            var first = line.IsEmpty ? '\n' : line[0];
            if (first is '-' or ' ')
            {
                before--;
            }

            if (first is '+' or ' ')
            {
                after--;
            }

            patchLength += hasher.AppendWithoutSpace(line);
        }

        hasher.Flush(result);
        if (patchLength == 0)
        {
            result.Clear();
            return false;
        }

        return true;
    }

    // get_oid_hex: the line (after "commit " or "From ") starts with 40 hex digits.
    static bool IsObjectName(ReadOnlySpan<char> text)
        => text.Length >= 40 && !text[..40].ContainsAnyExcept(Hex);

    // "index 1a2b3c4..5d6e7f8 100644": the names run from after "index " to "..", and from there to the next
    // space, or to the end of the line less its last character (git drops the newline that way).
    static void ReadBlobNames(ReadOnlySpan<char> line, bool hasNewline, ref string oldBlob, ref string newBlob)
    {
        var dots = line.IndexOf("..");
        if (dots < 0)
        {
            return;
        }

        var space = line[dots..].IndexOf(' ');
        var newEnd = space >= 0 ? dots + space : hasNewline ? line.Length : line.Length - 1;
        var oldName = dots >= 6 ? line[6..dots] : [];
        var newName = line[(dots + 2)..Math.Max(dots + 2, newEnd)];
        oldBlob = oldName[..Math.Min(oldName.Length, MaxBlobName)].ToString();
        newBlob = newName[..Math.Min(newName.Length, MaxBlobName)].ToString();
    }

    // scan_hunk_header: "@@ -a[,b] +c[,d]" sets before = b and after = d (1 when left out); on malformed input
    // the counts it has already set stay set, as in git.
    static void ScanHunkHeader(ReadOnlySpan<char> line, ref int before, ref int after)
    {
        var q = line[4..];
        var n = Digits(q);
        if (n < q.Length && q[n] == ',')
        {
            q = q[(n + 1)..];
            before = Atoi(q);
            n = Digits(q);
        }
        else
        {
            before = 1;
        }

        if (n == 0 || n + 1 >= q.Length || q[n] != ' ' || q[n + 1] != '+')
        {
            return;
        }

        var r = q[(n + 2)..];
        n = Digits(r);
        if (n < r.Length && r[n] == ',')
        {
            r = r[(n + 1)..];
            after = Atoi(r);
        }
        else
        {
            after = 1;
        }
    }

    static int Digits(ReadOnlySpan<char> text)
    {
        var n = text.IndexOfAnyExceptInRange('0', '9');
        return n < 0 ? text.Length : n;
    }

    static int Atoi(ReadOnlySpan<char> text)
    {
        var value = 0;
        foreach (var c in text[..Digits(text)])
        {
            value = unchecked(value * 10 + (c - '0'));
        }

        return value;
    }

    /// <summary>SHA-1 over UTF-8 bytes gathered in a pooled buffer, summed into the id per file.</summary>
    sealed class Hasher : IDisposable
    {
        readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        int _used;

        public void Append(string text)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        }

        /// <summary>Appends the line less its white space; returns the number of bytes appended.</summary>
        public int AppendWithoutSpace(ReadOnlySpan<char> line)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(line.Length));
            var buffer = _buffer.AsSpan(_used, line.Length);
            var written = 0;
            var ascii = 0;
            // Code is ASCII and short words: each character is stored, and kept unless it is white space, without a
            // branch; encoding word by word cost more than hashing the patch.
            for (; ascii < line.Length && line[ascii] < 0x80; ascii++)
            {
                var c = line[ascii];
                buffer[written] = (byte)c;
                written += (int)((KeptAscii >> (c & 0x3f)) | (uint)(c >> 6)) & 1;
            }
            _used += written;
            return written + (ascii < line.Length ? AppendWordsWithoutSpace(line[ascii..]) : 0);
        }

        /// <summary>Text with non-ASCII characters, word by word through the encoder.</summary>
        int AppendWordsWithoutSpace(ReadOnlySpan<char> line)
        {
            var written = 0;
            while (!line.IsEmpty)
            {
                var space = line.IndexOfAny(Space);
                var word = space < 0 ? line : line[..space];
                written += Encoding.UTF8.GetBytes(word, _buffer.AsSpan(_used + written));
                if (space < 0)
                {
                    break;
                }

                line = line[(space + 1)..];
            }

            _used += written;
            return written;
        }

        public void Flush(Span<byte> result)
        {
            _sha1.AppendData(_buffer, 0, _used);
            _used = 0;
            Span<byte> hash = stackalloc byte[HashSize];
            _sha1.GetHashAndReset(hash);
            var carry = 0;
            for (var i = 0; i < HashSize; i++)
            {
                carry += result[i] + hash[i];
                result[i] = (byte)carry;
                carry >>= 8;
            }
        }

        void Reserve(int bytes)
        {
            if (_used + bytes <= _buffer.Length)
            {
                return;
            }

            _sha1.AppendData(_buffer, 0, _used);
            _used = 0;
            if (bytes > _buffer.Length)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(bytes);
            }
        }

        public void Dispose()
        {
            _sha1.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
