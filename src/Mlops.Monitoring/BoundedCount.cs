namespace Mlops.Monitoring;

/// <summary>
/// How many events a buffer holds, bounded by its capacity, and how many it turned away: the admission rule the
/// recorder's queue and each shipper's buffer share, lock-free so a request thread never waits on it.
/// </summary>
internal sealed class BoundedCount(int capacity)
{
    private int _held;
    private long _dropped;

    /// <summary>Events held now; never more than the capacity.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Events turned away (or given up on) since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Takes one more event if there is room; otherwise counts it as dropped and says no.</summary>
    public bool TryAdd()
    {
        if (Interlocked.Increment(ref _held) <= capacity) return true;
        Interlocked.Decrement(ref _held);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Frees the room of <paramref name="count"/> events that left the buffer.</summary>
    public void Release(int count = 1) => Interlocked.Add(ref _held, -count);

    /// <summary>Gives up on <paramref name="count"/> held events: they leave the buffer as dropped.</summary>
    public void Drop(int count)
    {
        Release(count);
        Interlocked.Add(ref _dropped, count);
    }
}
