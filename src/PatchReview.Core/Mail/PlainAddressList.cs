using System.Buffers;
using System.Text;

namespace PatchReview.Core.Mail;

/// <summary>
/// Reads an address header in the shapes list mail writes it: <c>Name &lt;addr&gt;</c>, <c>"Last, First" &lt;addr&gt;</c>
/// and a bare <c>addr</c>, separated by commas and folded over lines, as in
/// <c>Cc: kvm@vger.kernel.org, "Rosato, Matthew" &lt;mjrosato@linux.ibm.com&gt;</c>. MimeKit reads every shape, but its
/// general parser was a third of a message's parse: 35 µs and 18 KB of each linux-s390 message went to its To and Cc
/// lists, which name twenty people and more on a patch. Any other shape (comments, groups, encoded words, escapes,
/// 8-bit text, domain literals, route addresses) is refused and left to MimeKit.
/// </summary>
static class PlainAddressList
{
    /// <summary>Bytes that only the shapes this reader refuses use.</summary>
    static readonly SearchValues<byte> Refused = SearchValues.Create("()\\;:[]"u8);

    /// <summary>
    /// Printable ASCII and folding white space. Other control characters, and 8-bit text, need MimeKit's charset handling.
    /// </summary>
    static readonly SearchValues<byte> PlainBytes = SearchValues.Create(
        "\t\r\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f"u8);

    /// <summary>The bytes that give a list its structure; the scan jumps from one to the next.</summary>
    static readonly SearchValues<byte> Structure = SearchValues.Create("\"<>,"u8);

    /// <summary>What a dot-atom address may hold besides '@': letters, digits and RFC 5322 atext, and dots.</summary>
    static readonly SearchValues<byte> AddressBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~."u8);

    /// <summary>Adds the value's mailboxes to <paramref name="into"/>; false, adding nothing, when it is not a plain list.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, List<Person> into)
    {
        if (value.ContainsAnyExcept(PlainBytes) || value.ContainsAny(Refused) || value.IndexOf("=?"u8) >= 0)
        {
            return false;
        }

        // A patch's Cc names twenty people and more over a kilobyte: the scan jumps between the bytes that matter.
        var found = new List<Person>();
        var start = 0;
        var angled = false;
        for (int i = 0, next; (next = value[i..].IndexOfAny(Structure)) >= 0; i++)
        {
            i += next;
            var b = value[i];
            if (b == '"')
            {
                // A quoted name runs to the next quote, over any comma or bracket in it.
                var close = value[(i + 1)..].IndexOf((byte)'"');
                if (close < 0)
                {
                    return false;
                }
                i += close + 1;
            }
            else if (b is (byte)'<' or (byte)'>')
            {
                if (angled != (b == '>'))
                {
                    return false;
                }
                angled = !angled;
            }
            else if (!angled)
            {
                if (!TryReadMailbox(Trim(value[start..i]), found))
                {
                    return false;
                }
                start = i + 1;
            }
        }
        if (angled || !TryReadMailbox(Trim(value[start..]), found))
        {
            return false;
        }
        into.AddRange(found);
        return true;
    }

    /// <summary>One element of the list: empty (a stray comma), <c>addr</c>, <c>Name &lt;addr&gt;</c> or <c>"Name" &lt;addr&gt;</c>.</summary>
    static bool TryReadMailbox(ReadOnlySpan<byte> element, List<Person> into)
    {
        if (element.IsEmpty)
        {
            return true;
        }
        var open = element.IndexOf((byte)'<');
        if (open < 0)
        {
            if (!IsAddress(element))
            {
                return false;
            }
            into.Add(new Person("", Encoding.ASCII.GetString(element)));
            return true;
        }
        var address = element[(open + 1)..];
        if (address.IsEmpty || address[^1] != '>' || !IsAddress(address[..^1]))
        {
            return false;
        }
        var name = Trim(element[..open]);
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
        {
            name = name[1..^1];
        }
        // An '@' outside quotes starts an address, not a name.
        else if (name.Contains((byte)'@'))
        {
            return false;
        }
        // Quotes inside a name, and names folded or spaced unevenly, are read as MimeKit reads them.
        if (name.IndexOfAny("\"\t\r\n"u8) >= 0 || name.IndexOf("  "u8) >= 0 || (name.Length > 0 && (name[0] == ' ' || name[^1] == ' ')))
        {
            return false;
        }
        into.Add(new Person(Encoding.ASCII.GetString(name), Encoding.ASCII.GetString(address[..^1])));
        return true;
    }

    /// <summary>A dot-atom <c>local@domain</c>: one '@', on each side atoms joined by single dots; no white space or quotes.</summary>
    static bool IsAddress(ReadOnlySpan<byte> address)
    {
        var at = address.IndexOf((byte)'@');
        return at >= 0 && address.LastIndexOf((byte)'@') == at && IsDotAtom(address[..at]) && IsDotAtom(address[(at + 1)..]);
    }

    static bool IsDotAtom(ReadOnlySpan<byte> text) =>
        !text.IsEmpty && text[0] != '.' && text[^1] != '.' && text.IndexOf(".."u8) < 0 && !text.ContainsAnyExcept(AddressBytes);

    static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> span) => span.Trim(" \t\r\n"u8);
}
