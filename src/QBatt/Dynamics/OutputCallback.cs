namespace QBatt.Dynamics;

/// <summary>Called at every output time with the state there (index into the output times, time, state).</summary>
public delegate void OutputCallback<in TState>(int index, double time, TState state);
