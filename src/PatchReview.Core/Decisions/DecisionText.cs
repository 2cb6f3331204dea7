using System.Text.RegularExpressions;
using PatchReview.Core.Review;

namespace PatchReview.Core.Decisions;

/// <summary>What a sentence of review mail does in a design discussion.</summary>
public enum SentenceRole
{
    Other,
    Question,
    Proposal,
    Agreement,
    Objection,
}

/// <summary>
/// Reads review prose for what decisions are made of: the identifiers it names, and whether a sentence asks,
/// proposes, agrees or objects. Examples from the zPCI v6 exchange on 16/21: "can you just have a direct dependency
/// here?" asks; "I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM" proposes and names
/// CONFIG_VFIO_PCI_ZDEV_KVM and vfio-pci-zdev; "That make sense to me" and "I agree with Jason here." agree.
/// </summary>
public static partial class DecisionText
{
    /// <summary>
    /// The identifiers a text names: Kconfig options (CONFIG_X, and "config X" in a Kconfig file as CONFIG_X), C
    /// names with an underscore (symbol_get, kvm_s390_pci_register_kvm), calls (foo()), hyphenated module names
    /// (vfio-pci-zdev) and source paths (drivers/vfio/pci/Kconfig). Plain words are left out: they match everywhere.
    /// </summary>
    public static IReadOnlySet<string> Identifiers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(text))
        {
            if (match.Groups["kconfig"].Success)
            {
                found.Add("CONFIG_" + match.Groups["kconfig"].Value);
            }
            else if (match.Groups["call"].Success)
            {
                found.Add(match.Groups["call"].Value);
            }
            else
            {
                found.Add(match.Value.TrimEnd('.', ','));
            }
        }
        // "I will s/gd/gisa/ here and in struct clp_req_set_pci" (zPCI v2 08/30) renames one C name to another.
        foreach (Match rename in Rename().Matches(text))
        {
            found.UnionWith(new[] { rename.Groups["from"].Value, rename.Groups["to"].Value }.Where(name => name.Length > 2));
        }
        return found;
    }

    /// <summary>
    /// The words of a text that carry its meaning, lower case: four letters or more, not a function word, a plural's
    /// "s" dropped ("ints" is "int"). Names with an underscore are identifiers and matched as such.
    /// </summary>
    public static IReadOnlySet<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Word().Matches(text))
        {
            var word = match.Value.ToLowerInvariant();
            if (FunctionWords.Contains(word))
            {
                continue;
            }
            words.Add(word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word);
        }
        return words;
    }

    /// <summary>Words every review mail and changelog uses, whatever it is about.</summary>
    static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "that", "this", "these", "those", "with", "from", "into", "onto", "have", "will", "would", "could", "should", "shall",
        "there", "their", "them", "then", "than", "what", "when", "where", "which", "while", "also", "just", "some", "more",
        "most", "only", "other", "about", "because", "after", "before", "being", "been", "were", "does", "done", "make",
        "like", "need", "needs", "thank", "thanks", "patch", "patches", "series", "version", "change", "changes", "please",
        "think", "sure", "well", "still", "each", "every", "here", "instead", "now", "already", "something", "thing",
        "return", "value", "error", "check", "function", "code", "comment", "line", "call", "file", "data", "case",
    };

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z]{3,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>The sentences of a text; see <see cref="Prose.Sentences"/>.</summary>
    public static IReadOnlyList<string> Sentences(string text) => Prose.Sentences(text);

    /// <summary>The earlier messages a text links to on lore: "https://lore.kernel.org/kvm/20220204211536.321475-15-mjrosato@linux.ibm.com/".</summary>
    public static IEnumerable<string> LoreLinks(string text) =>
        LoreLink().Matches(text).Select(m => Uri.UnescapeDataString(m.Groups["id"].Value));

    /// <summary>What the sentence does; an objection or agreement wins over a question mark ("Agreed, but why not X?" agrees).</summary>
    public static SentenceRole RoleOf(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (Objection().IsMatch(sentence))
        {
            return SentenceRole.Objection;
        }
        // "I like this option the best" agrees; "I like that, I'll use foo_bar() instead" proposes.
        if (Agreement().IsMatch(sentence) || (LikeIt().IsMatch(sentence) && !Proposal().IsMatch(sentence)))
        {
            return SentenceRole.Agreement;
        }
        if (Proposal().IsMatch(sentence))
        {
            return Hedged().IsMatch(sentence) ? SentenceRole.Other : SentenceRole.Proposal;
        }
        return sentence.EndsWith('?') ? SentenceRole.Question : SentenceRole.Other;
    }

    /// <summary>
    /// A proposal in the reader's terms: what it says to do, in the imperative, without who says it and why.
    /// "…as discussed in the thread there, I can use e.g. CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on
    /// KVM in this series" is "Use CONFIG_VFIO_PCI_ZDEV_KVM and make vfio-pci-zdev depend on KVM in this series";
    /// "What about using rcu_read_lock() directly?" is "Use rcu_read_lock() directly"; "we can then
    /// s/CONFIG_VFIO_PCI_ZDEV/CONFIG_VFIO_PCI_ZDEV_KVM/ for the rest of the series" is "Rename CONFIG_VFIO_PCI_ZDEV to
    /// CONFIG_VFIO_PCI_ZDEV_KVM for the rest of the series". Null when the sentence has no proposing phrase.
    /// </summary>
    public static string? Imperative(string proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (ProposalLead().Match(proposal) is not { Success: true } lead)
        {
            return null;
        }
        var action = Hedge().Replace(ForExample().Replace(proposal[(lead.Index + lead.Length)..], ""), "").TrimEnd('?', '.', '!', ' ');
        if (Substitution().Match(action) is { Success: true } substitution)
        {
            action = $"Rename {substitution.Groups["from"].Value} to {substitution.Groups["to"].Value}{action[substitution.Length..]}";
        }
        else if (lead.Groups["about"].Success)
        {
            // "How about just 'gisa', this is the same name used in the structure…": the suggestion ends at the clause.
            action = ClauseEnd().Split(action, 2)[0];
            if (FirstWord().Match(action) is { Success: true } gerund && gerund.Value.EndsWith("ing", StringComparison.Ordinal)
                && !NotGerunds.Contains(gerund.Value))
            {
                action = Verb(gerund.Value) + action[gerund.Length..];
            }
            else if (action.StartsWith('\'') || Identifier().Match(action) is { Index: 0, Success: true })
            {
                // "How about rcu_read_lock() here?", "How about just 'gisa'": a name offered to use.
                action = "Use " + action;
            }
            else
            {
                action = proposal[lead.Index..(lead.Index + lead.Length)].Trim() + " " + action;
            }
        }
        if (action.Length == 0)
        {
            return null;
        }
        return Capitalised(action);
    }

    /// <summary>A sed-style rename in prose as words: "Patch 8 + some later patches: s/gd/gisa/" reads "…: rename gd to gisa".</summary>
    internal static string Renames(string text) => Rename().Replace(text, "rename ${from} to ${to}");

    /// <summary>A title's first word capitalised; a name that leads ("rcu_read_lock() instead", "s390") keeps its case.</summary>
    internal static string Capitalised(string title) =>
        title.Length > 0 && char.IsLower(title[0]) && FirstWord().Match(title).Value.All(c => char.IsLetter(c) || c == '-')
            ? char.ToUpperInvariant(title[0]) + title[1..]
            : title;

    /// <summary>"using" is "use", "splitting" "split", "adding" "add", "handling" "handle": the verb of a gerund.</summary>
    static string Verb(string gerund)
    {
        var stem = gerund[..^3];
        if (stem.Length >= 4 && stem[^1] == stem[^2] && "lsfz".IndexOf(stem[^1], StringComparison.Ordinal) < 0)
        {
            return stem[..^1];
        }
        return SilentE.Contains(stem) || SilentEEnding().IsMatch(stem) ? stem + "e" : stem;
    }

    /// <summary>Words in -ing that are no verb's -ing: "How about something like foo_bar()?" offers something.</summary>
    static readonly HashSet<string> NotGerunds = new(StringComparer.OrdinalIgnoreCase)
    {
        "something", "anything", "nothing", "everything", "thing", "string", "during", "bring", "ring", "king", "spring", "sing", "wing",
    };

    /// <summary>Verbs whose stem drops an e before -ing and that no ending rule gives back.</summary>
    static readonly HashSet<string> SilentE = new(StringComparer.Ordinal)
    {
        "mak", "tak", "hav", "defin", "renam", "merg", "chang", "rewrit", "writ", "stor", "restor", "creat", "delet",
        "complet", "compil", "invok", "pars", "revers", "travers", "shar", "ignor", "declar", "compar", "provid", "decid",
        "exclud", "includ", "combin", "determin", "examin", "requir", "ensur", "captur", "configur", "prepar", "describ",
        "subscrib", "queu", "issu", "continu", "valu", "argu",
    };

    // "mov", "introduc", "announc", "serializ", "enabl", "handl", "updat", "separat", "us", "clos": stems that end so take an
    // e back; "sync", "repeat" and "pass" do not.
    [GeneratedRegex(@"(?:[vz]|[^n]c|[aeiou]nc|[bdgkpt]l|[^aeiou]at|[aeiou]s)$", RegexOptions.CultureInvariant)]
    private static partial Regex SilentEEnding();

    // "I can", "we could then", "I'll", "I will just", "let's", "how about", "what about", "I propose to", "I suggest".
    [GeneratedRegex(@"\b(?:(?:I|we)\s+(?:can|could|will|would|should)|I['’]ll|we['’]ll|let['’]s|let\s+us|I\s+(?:propose|suggest)(?:\s+(?:that|to|we))*|(?<about>(?:how|what)\s+about))(?:\s+(?:then|also|just|simply|instead|probably|now))*\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ProposalLead();

    [GeneratedRegex(@"^(?:(?:maybe|perhaps|rather),?\s+)+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();

    // "use e.g. CONFIG_VFIO_PCI_ZDEV_KVM": an example offered is, in a title, the thing itself.
    [GeneratedRegex(@"\b(?:e\.g\.|i\.e\.),?\s+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ForExample();

    [GeneratedRegex(@"(?<![\w/])s/(?<from>[A-Za-z_]\w*)/(?<to>[A-Za-z_]\w*)/(?:g\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex Rename();

    // "s/CONFIG_VFIO_PCI_ZDEV/CONFIG_VFIO_PCI_ZDEV_KVM/", as sed and review mail write a rename.
    [GeneratedRegex(@"^s/(?<from>[^/\s]+)/(?<to>[^/\s]+)/g?", RegexOptions.CultureInvariant)]
    private static partial Regex Substitution();

    [GeneratedRegex(@"^[\w'-]+", RegexOptions.CultureInvariant)]
    private static partial Regex FirstWord();

    [GeneratedRegex(@",\s|\s--\s|;\s", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEnd();

    // CONFIG_VFIO_PCI_ZDEV_KVM; "config VFIO_PCI_ZDEV_KVM" as a Kconfig line; symbol_get(); kvm_s390_pci_register_kvm;
    // vfio-pci-zdev; drivers/vfio/pci/vfio_pci_zdev.c. Names of two letters or less ("is_") are too weak to match on.
    [GeneratedRegex(@"\bCONFIG_[A-Z0-9_]+\b|(?<=^|\n|[+\-\s])(?:menu)?config\s+(?<kconfig>[A-Z][A-Z0-9_]+)\b|\b(?<call>[A-Za-z_][A-Za-z0-9_]{2,})\(\)|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}\b|\b(?:[\w.-]+/)+[\w.-]+\.[ch]\b|\b(?:[\w.-]+/)+Kconfig\b", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"https?://lore\.kernel\.org/(?:[^/\s]+/)?(?:r/)?(?<id>[^/\s<>]+@[^/\s<>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex LoreLink();

    // "I can use e.g. CONFIG_...", "how about", "I'll", "let's", "we could", "I propose", "I suggest", "would it be ok to".
    [GeneratedRegex(@"\b(?:I\s+can\b|I\s+could\b|I['’]ll\b|I\s+will\b|how\s+about\b|what\s+about\b|let['’]s\b|let\s+us\b|we\s+could\b|we\s+can\b|I\s+propose\b|I\s+suggest\b|would\s+it\s+be\s+(?:ok|okay|fine)\b|I'd\s+(?:rather|prefer)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Proposal();

    // A proposal that takes itself back: "Maybe -- I can certainly do the above, but I do add a call to zpci_get_mdd()
    // in the init function…" and "I guess one option would be to move the WARN_ON into the zpci_get_mdd() function"
    // (zPCI v1 14/32, which then asks Niklas what he thinks, and v2 does not do it). And what the code does, said to
    // defend it: "When CONFIG_PCI=y|m, arch/s390/kvm/pci.o will be linked and so we can compare the function handle…"
    // (zPCI v2, before the author gave in).
    [GeneratedRegex(@"^\W*(?:I\s+guess|I\s+wonder|not\s+sure)\b|\bone\s+option\s+(?:would\s+be|is)\b|\b(?:I|we)\s+(?:can|could)\b[^.;?!]*?,\s*but\b|^\W*when(?:ever)?\b(?:[^.;?!]|\.(?=\S))*\bwe\s+(?:can|could)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Hedged();

    // "That make sense to me", "makes sense", "I agree", "agreed", "sounds good", "fine with me", "LGTM", an Acked-by,
    // "Ok, I think I like this option the best" (Cornelia Huck on zPCI v3's Kconfig proposal).
    [GeneratedRegex(@"\b(?:makes?\s+sense|I\s+agree\b|agreed\b|sounds\s+(?:good|fine|ok|okay|reasonable)\b|fine\s+(?:with|by)\s+me\b|works\s+for\s+me\b|LGTM\b|Acked-by:|Reviewed-by:)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Agreement();

    [GeneratedRegex(@"\bI\s+(?:think\s+I\s+)?(?:really\s+)?like\s+(?:this|that|the|your)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LikeIt();

    // "I disagree", "I don't think that", "not convinced", "NAK", "Nacked-by:", "I'd rather not".
    // Also the author arguing back: "the reason I'm using CONFIG_PCI…", "kvm/interrupt.c must also access it".
    [GeneratedRegex(@"\b(?:I\s+disagree\b|I\s+don't\s+(?:think|agree)\b|not\s+convinced\b|NAK\b|Nacked-by:|I'd\s+rather\s+not\b|doesn't\s+make\s+sense\b|does\s+not\s+make\s+sense\b|(?i:the)\s+reason\s+I'm\b|(?i:must)\s+also\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Objection();
}
