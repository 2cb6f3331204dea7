using System.Runtime.InteropServices;

namespace PatchReview.Core.Threading;

/// <summary>
/// Places every received message in its thread using only In-Reply-To and References, never the subject.
/// <code>
/// ThreadBuilder.Build([new("reply@x", InReplyTo: ["patch2@x"], References: ["cover@x", "patch2@x"], date)])
/// // reply@x under ghost patch2@x under ghost cover@x (the root); had cover@x been received too, reply@x would
/// // hang directly under it and neither ghost would be emitted.
/// </code>
/// </summary>
/// <remarks>
/// The result is a pure function of the set of messages: input order, and how an archive was split before being
/// merged, change nothing, so the importer can rebuild any thread from whatever it holds and get the same links.
/// </remarks>
public static class ThreadBuilder
{
    const int NoParent = -1;

    /// <summary>
    /// One link per distinct received Message-ID plus one per ghost that some received message's parent chain passes
    /// through, sorted ordinally by Message-ID.
    /// </summary>
    /// <exception cref="ArgumentException">A message has an empty Message-ID; the importer rejects those before threading.</exception>
    public static IReadOnlyList<ThreadLink> Build(IEnumerable<ThreadInput> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new Graph(messages).Links();
    }

    sealed class Graph
    {
        // Received messages take nodes 0.._receivedCount-1; ghosts are appended after them as they are first needed.
        readonly List<ThreadInput> _received;
        readonly int _receivedCount;
        readonly Dictionary<string, int> _nodeOf;
        readonly List<string> _ghostIds = [];
        readonly List<int> _parents;
        Dictionary<string, (int Referrer, string Parent)>? _ghostParents;

        public Graph(IEnumerable<ThreadInput> messages)
        {
            var capacity = messages.TryGetNonEnumeratedCount(out var count) ? count : 0;
            _nodeOf = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
            _received = new List<ThreadInput>(capacity);
            foreach (var message in messages)
            {
                ArgumentNullException.ThrowIfNull(message, nameof(messages));
                if (string.IsNullOrEmpty(message.MessageId))
                {
                    throw new ArgumentException("A thread input has an empty Message-ID.", nameof(messages));
                }

                Keep(message);
            }

            _receivedCount = _received.Count;
            _parents = new List<int>(_receivedCount);
            for (var node = 0; node < _receivedCount; node++)
            {
                _parents.Add(ReceivedParent(_received[node]));
            }

            // A ghost's parent may itself be a new ghost, so this walks the list while it grows.
            for (var ghost = 0; ghost < _ghostIds.Count; ghost++)
            {
                _parents.Add(GhostParent(_ghostIds[ghost]));
            }
        }

        public IReadOnlyList<ThreadLink> Links()
        {
            var parents = CollectionsMarshal.AsSpan(_parents);
            BreakCycles(parents);
            var roots = Roots(parents);

            // Cutting a cycle can strand ghosts that were only reachable through it, so neededness is decided afterwards.
            var needed = new bool[_ghostIds.Count];
            var neededCount = 0;
            for (var node = 0; node < _receivedCount; node++)
            {
                for (var up = parents[node]; up >= _receivedCount && !needed[up - _receivedCount]; up = parents[up])
                {
                    needed[up - _receivedCount] = true;
                    neededCount++;
                }
            }

            var keys = new string[_receivedCount + neededCount];
            var links = new ThreadLink[keys.Length];
            var at = 0;
            for (var node = 0; node < parents.Length; node++)
            {
                var isGhost = node >= _receivedCount;
                if (isGhost && !needed[node - _receivedCount])
                {
                    continue;
                }

                var parent = parents[node];
                keys[at] = IdOf(node);
                links[at] = new ThreadLink(keys[at], parent == NoParent ? null : IdOf(parent), IdOf(roots[node]), isGhost);
                at++;
            }

            Array.Sort(keys, links, StringComparer.Ordinal);
            return Array.AsReadOnly(links);
        }

        void Keep(ThreadInput message)
        {
            ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodeOf, message.MessageId, out var exists);
            if (!exists)
            {
                node = _received.Count;
                _received.Add(message);
            }
            else if (CompareDuplicates(message, _received[node]) < 0)
            {
                _received[node] = message;
            }
        }

        int ReceivedParent(ThreadInput message)
        {
            var self = message.MessageId;
            var inReplyTo = message.InReplyTo;
            for (var i = 0; i < inReplyTo.Count; i++)
            {
                if (TryReceived(inReplyTo[i], self, out var node))
                {
                    return node;
                }
            }

            // RFC 5322 §3.6.4 lists References oldest first, so the last received one is the nearest known ancestor.
            var references = message.References;
            for (var i = references.Count - 1; i >= 0; i--)
            {
                if (TryReceived(references[i], self, out var node))
                {
                    return node;
                }
            }

            var nearest = FirstNamed(inReplyTo, self) ?? LastNamed(references, self);
            return nearest is null ? NoParent : GhostNode(nearest);
        }

        int GhostParent(string ghost)
        {
            _ghostParents ??= GhostParents();
            if (!_ghostParents.TryGetValue(ghost, out var best))
            {
                return NoParent;
            }

            return _nodeOf.TryGetValue(best.Parent, out var node) && node < _receivedCount ? node : GhostNode(best.Parent);
        }

        // For every unreceived id that some References list names after another id: the parent that list gives it,
        // the nearest received id before it, else the id just before it. Of several such lists the longest wins, then
        // the ordinally smallest referrer Message-ID, so the choice is the same whatever order the messages came in.
        // Each list is read once, front to back, so a long References header of unknown ids stays linear.
        Dictionary<string, (int Referrer, string Parent)> GhostParents()
        {
            var parents = new Dictionary<string, (int Referrer, string Parent)>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var node = 0; node < _receivedCount; node++)
            {
                var message = _received[node];
                var references = message.References;
                if (references.Count < 2)
                {
                    continue;
                }

                seen.Clear();
                string? previous = null;
                string? lastReceived = null;
                for (var i = 0; i < references.Count; i++)
                {
                    var id = references[i];
                    if (!IsNamed(id, message.MessageId))
                    {
                        continue;
                    }

                    if (TryReceived(id, message.MessageId, out _))
                    {
                        lastReceived = id;
                    }
                    else if (seen.Add(id) && previous is not null)
                    {
                        // Only the first mention counts: a list repeating an id further down would make it its own ancestor.
                        ref var best = ref CollectionsMarshal.GetValueRefOrAddDefault(parents, id, out var exists);
                        if (!exists || IsBetterReferrer(message, _received[best.Referrer]))
                        {
                            best = (node, lastReceived ?? previous);
                        }
                    }

                    previous = id;
                }
            }

            return parents;
        }

        int GhostNode(string id)
        {
            ref var node = ref CollectionsMarshal.GetValueRefOrAddDefault(_nodeOf, id, out var exists);
            if (!exists)
            {
                node = _receivedCount + _ghostIds.Count;
                _ghostIds.Add(id);
            }

            return node;
        }

        bool TryReceived(string id, string self, out int node)
        {
            if (IsNamed(id, self) && _nodeOf.TryGetValue(id, out node) && node < _receivedCount)
            {
                return true;
            }

            node = NoParent;
            return false;
        }

        string IdOf(int node) => node < _receivedCount ? _received[node].MessageId : _ghostIds[node - _receivedCount];

        // Every node has at most one parent, so the cycles are disjoint and each is cut at its own earliest member:
        // the cut does not depend on where the walk started.
        void BreakCycles(Span<int> parents)
        {
            const byte Unvisited = 0, OnPath = 1, Done = 2;
            var state = new byte[parents.Length];
            var path = new List<int>();
            for (var start = 0; start < parents.Length; start++)
            {
                if (state[start] == Done)
                {
                    continue;
                }

                path.Clear();
                var node = start;
                while (node != NoParent && state[node] == Unvisited)
                {
                    state[node] = OnPath;
                    path.Add(node);
                    node = parents[node];
                }

                if (node != NoParent && state[node] == OnPath)
                {
                    var root = node;
                    for (var i = path.IndexOf(node) + 1; i < path.Count; i++)
                    {
                        if (ComparePrecedence(path[i], root) < 0)
                        {
                            root = path[i];
                        }
                    }

                    parents[root] = NoParent;
                }

                foreach (var visited in path)
                {
                    state[visited] = Done;
                }
            }
        }

        static int[] Roots(ReadOnlySpan<int> parents)
        {
            var roots = new int[parents.Length];
            Array.Fill(roots, NoParent);
            var path = new List<int>();
            for (var start = 0; start < parents.Length; start++)
            {
                path.Clear();
                var node = start;
                while (roots[node] == NoParent && parents[node] != NoParent)
                {
                    path.Add(node);
                    node = parents[node];
                }

                var root = roots[node] == NoParent ? node : roots[node];
                roots[node] = root;
                foreach (var below in path)
                {
                    roots[below] = root;
                }
            }

            return roots;
        }

        // Which member of a cycle becomes its root: the earliest Date, undated messages and ghosts last, a received
        // message before a ghost (it can be shown), then the ordinally smallest Message-ID.
        int ComparePrecedence(int x, int y)
        {
            var byDate = CompareDates(DateOf(x), DateOf(y));
            if (byDate != 0)
            {
                return byDate;
            }

            var byGhost = (x >= _receivedCount).CompareTo(y >= _receivedCount);
            return byGhost != 0 ? byGhost : string.CompareOrdinal(IdOf(x), IdOf(y));
        }

        DateTimeOffset? DateOf(int node) => node < _receivedCount ? _received[node].Date : null;
    }

    static bool IsNamed(string? id, string self) => !string.IsNullOrEmpty(id) && !string.Equals(id, self, StringComparison.Ordinal);

    static string? FirstNamed(IReadOnlyList<string> ids, string self)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (IsNamed(ids[i], self))
            {
                return ids[i];
            }
        }

        return null;
    }

    static string? LastNamed(IReadOnlyList<string> ids, string self)
    {
        for (var i = ids.Count - 1; i >= 0; i--)
        {
            if (IsNamed(ids[i], self))
            {
                return ids[i];
            }
        }

        return null;
    }

    static bool IsBetterReferrer(ThreadInput candidate, ThreadInput current)
    {
        var byLength = candidate.References.Count.CompareTo(current.References.Count);
        return byLength != 0 ? byLength > 0 : string.CompareOrdinal(candidate.MessageId, current.MessageId) < 0;
    }

    // Negative when x is the copy to keep. The same Message-ID can arrive twice when a mail was cross-posted and
    // both lists' archives are imported; the copy with more References knows more of the thread.
    static int CompareDuplicates(ThreadInput x, ThreadInput y)
    {
        var byReferences = y.References.Count.CompareTo(x.References.Count);
        if (byReferences != 0)
        {
            return byReferences;
        }

        var byDate = CompareDates(x.Date, y.Date);
        if (byDate != 0)
        {
            return byDate;
        }

        // Past the stated rules the headers themselves decide, so that which copy wins never depends on input order.
        var byInReplyTo = y.InReplyTo.Count.CompareTo(x.InReplyTo.Count);
        if (byInReplyTo != 0)
        {
            return byInReplyTo;
        }

        var byReferenceIds = CompareIds(x.References, y.References);
        return byReferenceIds != 0 ? byReferenceIds : CompareIds(x.InReplyTo, y.InReplyTo);
    }

    static int CompareIds(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        for (var i = 0; i < x.Count && i < y.Count; i++)
        {
            var byId = string.CompareOrdinal(x[i], y[i]);
            if (byId != 0)
            {
                return byId;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    static int CompareDates(DateTimeOffset? x, DateTimeOffset? y) => (x, y) switch
    {
        ({ } a, { } b) => a.UtcTicks.CompareTo(b.UtcTicks),
        ({ }, null) => -1,
        (null, { }) => 1,
        _ => 0,
    };
}
