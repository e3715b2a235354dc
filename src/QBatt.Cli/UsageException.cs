namespace QBatt.Cli;

/// <summary>Bad command-line input found after parsing (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
