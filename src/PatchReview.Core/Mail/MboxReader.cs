using System.Runtime.CompilerServices;

namespace PatchReview.Core.Mail;

/// <summary>
/// Splits an mbox stream into messages, one at a time, working on bytes. Handles mboxrd as lore.kernel.org serves it
/// (<c>&gt;From </c> in a body is unescaped once), mboxo, and CRLF files. Example: a stream holding
/// <c>From mboxrd@z Thu Jan  1 00:00:00 1970\nSubject: a\n\n&gt;From here\n\n</c> yields one envelope at offset 0 whose
/// raw bytes are <c>Subject: a\n\nFrom here\n</c>.
/// </summary>
public static class MboxReader
{
    /// <summary>Reads the messages of an mbox stream (already decompressed) in order.</summary>
    public static async IAsyncEnumerable<MailEnvelope> ReadAsync(
        Stream input, string sourceName, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceName);
        var splitter = new Splitter(sourceName);
        while (true)
        {
            if (splitter.NextMessage() is { } complete)
            {
                yield return complete;
                continue;
            }

            if (splitter.EndOfStream)
            {
                if (splitter.Finish() is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            await splitter.FillAsync(input, ct);
        }
    }

    /// <summary>
    /// The splitting state. Lines are found with a vectorised search for LF in a large buffer; ordinary lines are not
    /// copied one by one but in runs, up to the next line that needs attention (a separator or an escaped From).
    /// </summary>
    private sealed class Splitter(string sourceName)
    {
        private const int InitialBufferSize = 256 * 1024;
        private static ReadOnlySpan<byte> FromSpace => "From "u8;

        private byte[] _buffer = new byte[InitialBufferSize];
        private int _length;      // valid bytes in _buffer
        private long _bufferBase; // stream offset of _buffer[0]
        private int _position;    // start of the next unexamined line
        private int _runStart;    // start of the bytes not yet copied into the current message

        private bool _atStreamStart = true;
        private int _previousEmptyLineLength; // 1 (LF) or 2 (CRLF) when the previous line was empty, else 0

        private readonly MemoryStream _message = new();
        private readonly RawBuffers _buffers = new();
        private bool _inMessage;
        private long _messageOffset;

        /// <summary>True once the stream is exhausted; what is left in the buffer is at most one line without its LF.</summary>
        public bool EndOfStream { get; private set; }

        /// <summary>Examines complete lines in the buffer; returns a message when a separator closes one, null when more input is needed.</summary>
        public MailEnvelope? NextMessage()
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_position, _length - _position).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    return null;
                }

                var lineEnd = _position + newline + 1;
                var completed = ExamineLine(lineEnd);
                _position = lineEnd;
                if (completed is not null)
                {
                    return completed;
                }
            }
        }

        /// <summary>At the end of the stream: the last line (which may lack its LF) and the last message.</summary>
        public MailEnvelope? Finish()
        {
            MailEnvelope? completed = null;
            if (_position < _length)
            {
                completed = ExamineLine(_length);
                _position = _length;
            }

            // A separator on the very last line cannot both close a message and open one that we then return, so
            // a stream ending in "From ..." (no LF) yields the closed message here and the empty one is dropped.
            if (completed is not null)
            {
                return completed;
            }

            CopyRun(_length);
            // The archive's own empty line after the last message (lore ends every message with one); a message cut
            // short mid-line has none and is returned as it is, for the parser to judge.
            return TakeMessage(_previousEmptyLineLength);
        }

        public async ValueTask FillAsync(Stream input, CancellationToken ct)
        {
            CopyRun(_position);
            var keep = _length - _position;
            if (_position == 0 && keep == _buffer.Length)
            {
                // One line longer than the buffer (a base64 blob without line breaks): grow rather than split the line.
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else if (_position > 0)
            {
                _buffer.AsSpan(_position, keep).CopyTo(_buffer);
                _bufferBase += _position;
                _runStart -= _position;
                _position = 0;
                _length = keep;
            }

            var read = await MailReader.ReadSomeAsync(input, _buffer.AsMemory(_length), sourceName, _bufferBase + _length, ct);
            if (read == 0)
            {
                EndOfStream = true;
            }

            _length += read;
        }

        private MailEnvelope? ExamineLine(int lineEnd)
        {
            var line = _buffer.AsSpan(_position, lineEnd - _position);
            MailEnvelope? completed = null;
            // A separator is "From " at the start of the stream or right after an empty line; mboxrd and mboxo escape
            // every other body line starting with "From ", and lore's separator is "From mboxrd@z Thu Jan  1 00:00:00 1970".
            if (line.StartsWith(FromSpace) && (_atStreamStart || _previousEmptyLineLength > 0))
            {
                if (_inMessage || _position > _runStart)
                {
                    CopyRun(_position);
                    completed = TakeMessage(_previousEmptyLineLength);
                }

                _inMessage = true;
                _messageOffset = _bufferBase + _position;
                _runStart = lineEnd;
                _previousEmptyLineLength = 0;
            }
            else
            {
                // mboxrd (as lore writes it) stores a body line "From x" as ">From x" and ">From x" as ">>From x":
                // drop exactly one '>' from any line matching ^>+From . For mboxo this restores the ">From" lines too.
                if (line[0] == (byte)'>' && IsEscapedFrom(line))
                {
                    CopyRun(_position);
                    _runStart = _position + 1;
                }

                _previousEmptyLineLength = line is [(byte)'\n'] ? 1 : line is [(byte)'\r', (byte)'\n'] ? 2 : 0;
            }

            _atStreamStart = false;
            return completed;
        }

        private static bool IsEscapedFrom(ReadOnlySpan<byte> line)
        {
            var text = line.IndexOfAnyExcept((byte)'>');
            return text > 0 && line[text..].StartsWith(FromSpace);
        }

        private void CopyRun(int end)
        {
            if (end > _runStart)
            {
                _message.Write(_buffer, _runStart, end - _runStart);
                _runStart = end;
            }
        }

        /// <summary>The message so far, without the empty line that belongs to the separator after it.</summary>
        private MailEnvelope? TakeMessage(int trailingEmptyLine)
        {
            var content = _message.GetBuffer().AsSpan(0, Math.Max((int)_message.Length - trailingEmptyLine, 0));
            // Text before the first separator (a stream that does not start with "From ") is kept at offset 0,
            // unless it is only blank lines.
            var envelope = _inMessage || !content.Trim(" \t\r\n"u8).IsEmpty
                ? _buffers.Pack(sourceName, _inMessage ? _messageOffset : 0, null, content)
                : null;
            _message.SetLength(0);
            if (_message.Capacity > 4 * InitialBufferSize)
            {
                // Let a 20 MB attachment's buffer go rather than keep it for the rest of the archive.
                _message.Capacity = InitialBufferSize;
            }

            return envelope;
        }
    }
}
