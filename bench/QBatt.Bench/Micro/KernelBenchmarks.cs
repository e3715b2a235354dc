using System.Numerics;
using BenchmarkDotNet.Attributes;
using QBatt.Numerics;
using QBatt.Quantum;

namespace QBatt.Bench.Micro;

/// <summary>BenchmarkDotNet micro-benchmarks of the hot kernels (run with: micro).</summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private CsrMatrix _h = null!;
    private Complex[] _x = null!;
    private Complex[] _y = null!;
    private ComplexMatrix _a = null!;
    private ComplexMatrix _b = null!;

    [Params(16)]
    public int Spins { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var h = new PauliSum(Spins);
        for (var i = 0; i < Spins - 1; i++) h.Add(1, i, 'X', i + 1, 'X').Add(1, i, 'Y', i + 1, 'Y').Add(0.5, i, 'Z', i + 1, 'Z');
        _h = h.ToOperator().SparseStorage!;
        var rng = new RandomMatrices(3);
        _x = rng.UnitVector(_h.Rows);
        _y = new Complex[_h.Rows];
        _a = rng.Ginibre(256, 256);
        _b = rng.Ginibre(256, 256);
    }

    [Benchmark]
    public void CsrMatvec() => _h.Multiply(_x, _y);

    [Benchmark]
    public Complex Dot() => VectorOps.Dot(_x, _y);

    [Benchmark]
    public void Axpy() => VectorOps.Axpy(new Complex(0.1, 0.2), _x, _y);

    [Benchmark]
    public ComplexMatrix Zgemm256() => _a.Multiply(_b);
}
