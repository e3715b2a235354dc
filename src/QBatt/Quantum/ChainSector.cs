using System.Numerics;
using System.Runtime.InteropServices;

namespace QBatt.Quantum;

/// <summary>
/// The fully symmetric sector of a chain of n qubits under its site symmetries (the spin chains of R13): the reflection
/// i -> n - 1 - i of an open chain, or the dihedral group of a periodic chain (the translations i -> i + 1 mod n and
/// the reflection), in the trivial representation: reflection-even, and momentum zero on a ring. The basis states are
/// |r~&gt; = N_r^(-1/2) sum_(s in orbit(r)) |s&gt; over the orbits of the computational basis, each represented by its smallest
/// index r, with N_r the size of the orbit; an initial state in the sector (all spins down) stays there under every
/// Hamiltonian that commutes with the group, and a diagonal observable has &lt;A&gt; = sum_r |psi_r|^2 A(r).
/// <para>
/// The map from a basis index to its orbit is a table of 2^n entries of 4 bytes (4 GiB at n = 30) in native memory,
/// each holding the representative's position in the sector and the class of its orbit size, so that a matrix element
/// costs one table read (<see cref="SectorXxzMap"/>); the representatives are a sorted array of the sector's dimension.
/// The dimension is known before anything is built, by Burnside's count of orbits (<see cref="DimensionOf"/>).
/// Qubit 0 is the most significant bit of the basis index, as in <see cref="XxzMap"/> and <see cref="PauliSum"/>.
/// </para>
/// </summary>
public sealed unsafe class ChainSector : IDisposable
{
    /// <summary>Largest number of qubits (a table of 2^31 entries, 8 GiB).</summary>
    public const int MaxQubits = 31;

    private uint* _table;
    private readonly uint[] _representatives;
    private readonly int _indexBits;
    private readonly uint _indexMask;
    private readonly int[] _classSizes;
    private readonly long _tableBytes;

    /// <summary>
    /// The symmetric sector of <paramref name="qubits"/> qubits: periodic (the dihedral group of the ring) or open
    /// (the reflection alone); the table is built on <paramref name="threads"/> threads (0: all processors).
    /// </summary>
    public ChainSector(int qubits, bool periodic, int threads = 0)
    {
        const string op = "ChainSector";
        if (qubits < 2 || qubits > MaxQubits)
            throw new ValidationException(op, "qubits", $"an integer in 2..{MaxQubits}", $"{qubits}");
        Guard.AtLeast(threads, 0, op, "threads");
        Qubits = qubits;
        Periodic = periodic;
        GroupOrder = periodic ? 2 * qubits : 2;
        var dimension = DimensionOf(qubits, periodic);
        // the orbit sizes divide the group's order: one class per divisor, its number in the top bits of a table entry
        _classSizes = [.. Enumerable.Range(1, GroupOrder).Where(d => GroupOrder % d == 0)];
        // a group of order 2 or more: at least two classes, so at least one bit
        var classBits = 1;
        while (1 << classBits < _classSizes.Length) classBits++;
        _indexBits = 32 - classBits;
        _indexMask = (1u << _indexBits) - 1;
        if (dimension >= _indexMask || dimension > Array.MaxLength)
            throw new ResourceException(op, "qubits", $"a sector of fewer than {Math.Min(_indexMask, (long)Array.MaxLength)} states", $"{dimension} states at n = {qubits}");
        Dimension = (int)dimension;
        var classOf = new int[GroupOrder + 1];
        for (var c = 0; c < _classSizes.Length; c++) classOf[_classSizes[c]] = c;

        var states = 1L << qubits;
        _tableBytes = 4 * states;
        _table = (uint*)NativeMemory.AlignedAlloc((nuint)_tableBytes, 1 << 21);
        AdviseHugePages(_table, _tableBytes);
        GC.AddMemoryPressure(_tableBytes);
        _representatives = GC.AllocateUninitializedArray<uint>(Dimension);
        // the basis states in chunks, in parallel: first the representatives of each chunk are counted (an index is one
        // when no image is smaller), then each chunk numbers its own from its offset and writes their orbits into the table;
        // the orbits are disjoint, so every entry is written once and no two threads write the same entry
        var chunkBits = Math.Min(qubits, 16);
        var chunks = (int)(states >> chunkBits);
        var counts = new int[chunks];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Numerics.CsrKernels.Threads(threads) };
        Parallel.For(0, chunks, parallel, c =>
        {
            var count = 0;
            var end = (long)(c + 1) << chunkBits;
            for (var s = (long)c << chunkBits; s < end; s++)
                if (IsRepresentative((uint)s)) count++;
            counts[c] = count;
        });
        var offsets = new long[chunks + 1];
        for (var c = 0; c < chunks; c++) offsets[c + 1] = offsets[c] + counts[c];
        if (offsets[chunks] != Dimension)
            throw new InvalidOperationException($"ChainSector: {offsets[chunks]} orbits found, Burnside's count is {Dimension}");
        var table = _table;
        var reps = _representatives;
        var order = GroupOrder;
        var bits = _indexBits;
        Parallel.For(0, chunks, parallel, () => new uint[order], (c, _, images) =>
        {
            var next = (uint)offsets[c];
            var end = (long)(c + 1) << chunkBits;
            for (var s = (long)c << chunkBits; s < end; s++)
            {
                var r = (uint)s;
                if (!IsRepresentative(r)) continue;
                Images(r, images);
                var fixedBy = 0;
                foreach (var image in images) if (image == r) fixedBy++;
                var entry = next | ((uint)classOf[order / fixedBy] << bits);
                foreach (var image in images) table[image] = entry;
                reps[next++] = r;
            }
            return images;
        }, _ => { });
    }

    /// <summary>True when no image of <paramref name="s"/> under the group is smaller: s represents its orbit.</summary>
    private bool IsRepresentative(uint s)
    {
        var n = Qubits;
        var b = BitReverse(s, n);
        if (b < s) return false;
        if (!Periodic) return true;
        var top = n - 1;
        var a = s;
        for (var k = 1; k < n; k++)
        {
            a = (a >> 1) | ((a & 1) << top);
            b = (b >> 1) | ((b & 1) << top);
            if (a < s || b < s) return false;
        }
        return true;
    }

    /// <summary>Number of qubits n.</summary>
    public int Qubits { get; }

    /// <summary>True for the ring (translations and reflection), false for the open chain (reflection).</summary>
    public bool Periodic { get; }

    /// <summary>Order of the symmetry group: 2n on a ring, 2 on an open chain.</summary>
    public int GroupOrder { get; }

    /// <summary>Number of orbits: the dimension of the sector.</summary>
    public int Dimension { get; }

    /// <summary>Bytes held: the table of 2^n entries and the representatives.</summary>
    public long StoredBytes => _tableBytes + 4L * Dimension;

    /// <summary>
    /// Burnside's count of the orbits of the 2^n basis states, (1/|G|) sum_g 2^(cycles of g): for the ring, rotations by k
    /// have gcd(k, n) cycles, and the n reflections have (n + 1)/2 cycles for odd n, n/2 + 1 or n/2 (through sites or bonds,
    /// n/2 of each) for even n; for the open chain the reflection has ceil(n/2) cycles. Refused for n outside 2..62.
    /// </summary>
    public static long DimensionOf(int qubits, bool periodic)
    {
        if (qubits < 2 || qubits > 62)
            throw new ValidationException("ChainSector.DimensionOf", "qubits", "an integer in 2..62", $"{qubits}");
        var n = qubits;
        if (!periodic) return ((1L << n) + (1L << ((n + 1) / 2))) / 2;
        long sum = 0;
        for (var k = 0; k < n; k++) sum += 1L << Gcd(k, n);
        sum += n % 2 == 1 ? n * (1L << ((n + 1) / 2)) : (n / 2) * ((1L << (n / 2 + 1)) + (1L << (n / 2)));
        return sum / (2L * n);
    }

    /// <summary>Bytes <see cref="ChainSector(int, bool, int)"/> holds for <paramref name="qubits"/> qubits, before it is built.</summary>
    public static double BytesOf(int qubits, bool periodic) => 4 * Math.Pow(2, qubits) + 4.0 * DimensionOf(qubits, periodic);

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The representative (smallest basis index of the orbit) of sector state <paramref name="k"/>.</summary>
    public uint Representative(int k) => _representatives[Check(k)];

    /// <summary>N_r, the size of the orbit of sector state <paramref name="k"/>.</summary>
    public int OrbitSize(int k) => _classSizes[Class(_representatives[Check(k)])];

    /// <summary>The sector state whose orbit holds basis index <paramref name="state"/>.</summary>
    public int IndexOf(long state)
    {
        if (state < 0 || state >= 1L << Qubits)
            throw new ValidationException("ChainSector.IndexOf", "state", $"a basis index in 0..2^{Qubits} - 1", $"{state}");
        return (int)(Entry((uint)state) & _indexMask);
    }

    /// <summary>
    /// The sector vector of a symmetric state psi of the full 2^n space (n &lt;= 28): psi_r~ = N_r^(1/2) psi(r). The state is
    /// not checked for symmetry: its amplitude on each representative stands for the orbit.
    /// </summary>
    public Complex[] Project(ReadOnlySpan<Complex> full)
    {
        RequireFull("ChainSector.Project", full.Length, "full");
        var v = new Complex[Dimension];
        for (var k = 0; k < Dimension; k++) v[k] = Math.Sqrt(OrbitSize(k)) * full[(int)_representatives[k]];
        return v;
    }

    /// <summary>The state of the full 2^n space (n &lt;= 28) of sector vector <paramref name="sector"/>: psi(s) = psi_r~ / N_r^(1/2) on the orbit of r.</summary>
    public Complex[] Embed(ReadOnlySpan<Complex> sector)
    {
        if (sector.Length != Dimension)
            throw new DimensionMismatchException("ChainSector.Embed", "sector", $"a vector of length {Dimension}", $"length {sector.Length}");
        RequireFull("ChainSector.Embed", 1 << Math.Min(Qubits, 30), "sector");
        var full = new Complex[1 << Qubits];
        for (var s = 0; s < full.Length; s++)
        {
            var e = Entry((uint)s);
            full[s] = sector[(int)(e & _indexMask)] / Math.Sqrt(_classSizes[Class((uint)s)]);
        }
        return full;
    }

    private void RequireFull(string op, int length, string argument)
    {
        if (Qubits > XxzMap.MaxQubits)
            throw new ResourceException(op, argument, $"at most {XxzMap.MaxQubits} qubits for a state of the full space", $"{Qubits}");
        if (length != 1 << Qubits)
            throw new DimensionMismatchException(op, argument, $"a vector of length 2^{Qubits}", $"length {length}");
    }

    private int Check(int k)
    {
        if ((uint)k >= (uint)Dimension)
            throw new ValidationException("ChainSector", "k", $"a sector index in 0..{Dimension - 1}", $"{k}");
        return k;
    }

    private int Class(uint state) => (int)(Entry(state) >> _indexBits);

    private uint Entry(uint state)
    {
        ObjectDisposedException.ThrowIf(_table is null, this);
        return _table[state];
    }

    // ---- for SectorXxzMap ----

    internal uint* Table
    {
        get
        {
            ObjectDisposedException.ThrowIf(_table is null, this);
            return _table;
        }
    }

    internal uint[] Representatives => _representatives;

    internal int IndexBits => _indexBits;

    internal uint IndexMask => _indexMask;

    internal int[] ClassSizes => _classSizes;

    /// <summary>The |G| images g(s) (with repetitions): the n rotations of s and of its reflection on a ring, s and its reflection on an open chain.</summary>
    internal void Images(uint s, Span<uint> images)
    {
        var n = Qubits;
        var reflected = BitReverse(s, n);
        if (!Periodic)
        {
            images[0] = s;
            images[1] = reflected;
            return;
        }
        var top = n - 1;
        uint a = s, b = reflected;
        for (var k = 0; k < n; k++)
        {
            images[k] = a;
            images[n + k] = b;
            // site i -> i + 1: qubit 0 is the top bit, so the pattern moves one bit down and the lowest wraps to the top
            a = (a >> 1) | ((a & 1) << top);
            b = (b >> 1) | ((b & 1) << top);
        }
    }

    /// <summary>The reflection i -> n - 1 - i of the n low bits of <paramref name="s"/>.</summary>
    internal static uint BitReverse(uint s, int n)
    {
        var r = s;
        r = ((r >> 1) & 0x55555555u) | ((r & 0x55555555u) << 1);
        r = ((r >> 2) & 0x33333333u) | ((r & 0x33333333u) << 2);
        r = ((r >> 4) & 0x0F0F0F0Fu) | ((r & 0x0F0F0F0Fu) << 4);
        r = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(r);
        return r >> (32 - n);
    }

    private static void AdviseHugePages(void* p, long bytes)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // MADV_HUGEPAGE: the table is read at random, one read per matrix element; 2 MiB pages spare most TLB misses
            _ = Madvise((nint)p, (nuint)bytes, 14);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);

    /// <summary>Frees the table.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_table is null) return;
        NativeMemory.AlignedFree(_table);
        _table = null;
        GC.RemoveMemoryPressure(_tableBytes);
    }

    /// <summary>Frees the table if <see cref="Dispose"/> was not called.</summary>
    ~ChainSector() => Free();
}
