using PatchReview.Data.Queries;

namespace PatchReview.Web.Components.Pages.Threads;

/// <summary>One message of a thread with the replies to it, for nested rendering.</summary>
public sealed record ThreadNode(ThreadMessage Message, List<ThreadNode> Replies);

public static class ThreadTree
{
    /// <summary>Rebuilds the tree from the depth-first list that <see cref="ThreadQueries.GetThreadAsync"/> returns.</summary>
    public static ThreadNode Build(IReadOnlyList<ThreadMessage> depthFirst)
    {
        var path = new List<ThreadNode>();
        foreach (var message in depthFirst)
        {
            var node = new ThreadNode(message, []);
            var depth = Math.Clamp(message.Depth, 0, path.Count);
            if (depth > 0)
            {
                path[depth - 1].Replies.Add(node);
            }
            path.RemoveRange(depth, path.Count - depth);
            path.Add(node);
        }
        return path.Count > 0 ? path[0] : throw new ArgumentException("A thread has at least its root.", nameof(depthFirst));
    }
}
