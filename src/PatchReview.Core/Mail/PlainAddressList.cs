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

    /// <summary>What a dot-atom address may hold besides '@': letters, digits and RFC 5322 atext, and dots.</summary>
    static readonly SearchValues<byte> AddressBytes =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~."u8);

    /// <summary>Adds the value's mailboxes to <paramref name="into"/>; false, adding nothing, when it is not a plain list.</summary>
    public static bool TryRead(ReadOnlySpan<byte> value, List<Person> into)
    {
        foreach (var b in value)
        {
            // Control characters other than folding white space, and 8-bit text, need MimeKit's charset handling.
            if (b >= 0x80 || (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n')))
            {
                return false;
            }
        }
        if (value.ContainsAny(Refused) || value.IndexOf("=?"u8) >= 0)
        {
            return false;
        }

        var found = new List<Person>();
        var start = 0;
        var quoted = false;
        var angled = false;
        for (var i = 0; i <= value.Length; i++)
        {
            var b = i < value.Length ? value[i] : (byte)',';
            if (quoted)
            {
                quoted = b != '"';
            }
            else if (b == '"')
            {
                quoted = true;
            }
            else if (b == '<')
            {
                if (angled)
                {
                    return false;
                }
                angled = true;
            }
            else if (b == '>')
            {
                if (!angled)
                {
                    return false;
                }
                angled = false;
            }
            else if (b == ',' && !angled)
            {
                if (!TryReadMailbox(Trim(value[start..i]), found))
                {
                    return false;
                }
                start = i + 1;
            }
        }
        if (quoted || angled)
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
