using System.Numerics;

namespace QBatt.Dynamics;

/// <summary>Receives the values of the observables (and the state, when asked) at output times.</summary>
internal delegate void OutputRecorder(int index, ReadOnlySpan<Complex> values, ReadOnlySpan<Complex> state);

/// <summary>What the propagators deliver at each output time.</summary>
internal sealed class OutputSink(VectorObservable[] observables, bool needState, OutputRecorder record)
{
    public VectorObservable[] Observables { get; } = observables;

    public bool NeedState { get; } = needState;

    public OutputRecorder Record { get; } = record;
}
