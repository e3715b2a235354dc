namespace QBatt.Numerics;

/// <summary>
/// A managed array on the pinned object heap seen from its first 64-byte boundary: the storage of large blocks that are handed
/// to OpenBLAS (the Krylov basis, batches of states). <see cref="NativeBackend"/> copies an unaligned argument to an aligned
/// buffer so that OpenBLAS's AVX-512 kernels round the same way at every address; a block allocated here is aligned already, so
/// it is passed as it is, without a second copy of a basis of gigabytes (which doubled the peak memory of a large Krylov run).
/// The array is pinned, so the boundary found at allocation holds for its lifetime.
/// </summary>
internal sealed unsafe class AlignedArray<T> where T : unmanaged
{
    // kept so that the pinned array lives as long as this view of it
    private readonly T[] _array;
    private readonly T* _start;

    /// <summary>An empty array.</summary>
    public static AlignedArray<T> Empty { get; } = new(0);

    /// <summary>Allocates <paramref name="length"/> elements, uninitialised.</summary>
    public AlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        // the managed array starts on an 8-byte boundary: 64 bytes more hold the span from the first 64-byte boundary on
        _array = length == 0 ? [] : GC.AllocateUninitializedArray<T>(checked(length + (64 + sizeof(T) - 1) / sizeof(T)), pinned: true);
        if (length == 0) return;
        fixed (T* p = _array) _start = (T*)(((nuint)p + 63) & ~(nuint)63);
    }

    /// <summary>Elements in view.</summary>
    public int Length { get; }

    /// <summary>All elements, from the aligned start.</summary>
    public Span<T> Span => Length == 0 ? [] : new Span<T>(_start, Length);

    /// <summary>The elements <paramref name="start"/> .. <paramref name="start"/> + <paramref name="length"/> - 1.</summary>
    public Span<T> AsSpan(int start, int length)
    {
        if ((uint)start > (uint)Length || (uint)length > (uint)(Length - start)) throw new ArgumentOutOfRangeException(nameof(start));
        return length == 0 ? [] : new Span<T>(_start + start, length);
    }
}
