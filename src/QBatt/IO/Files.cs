namespace QBatt.IO;

/// <summary>File helpers shared by the readers and writers of this namespace.</summary>
internal static class Files
{
    private const int BufferBytes = 1 << 16;

    /// <summary>Opens a file for reading, turning a missing or unreadable file into a one-line error.</summary>
    public static FileStream OpenRead(string path, string operation, string expected)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ValidationException(operation, "path", expected, $"{path}: {OneLine(e.Message)}");
        }
    }

    /// <summary>Collapses line breaks so that a message stays on one line.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
