using System.Text;

namespace QBatt.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the target's directory,
/// which is flushed to disk and then renamed over the target, so an interrupted run leaves
/// either the old file or the complete new one, never a half-written file (DESIGN.md, Conventions).
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8NoBom.GetBytes(text));
    }

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    /// <exception cref="ValidationException">The path cannot be written.</exception>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>
    /// Lets <paramref name="writer"/> fill a temporary stream, then renames the result into place.
    /// The parent directory is created when missing. When <paramref name="writer"/> throws, the
    /// temporary file is deleted, the target is left untouched and the exception propagates.
    /// </summary>
    /// <exception cref="ValidationException">The path cannot be written (bad directory, permissions, a directory in the way).</exception>
    public static void Write(string path, Action<Stream> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var full = PrepareTarget(path);
        string? temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // read-write: some writers (PureHDF) need to read back what they wrote
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                writer(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            temp = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, e.Message);
        }
        finally
        {
            if (temp is not null)
                TryDelete(temp);
        }
    }

    private static string PrepareTarget(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw Unwritable(path ?? "", "empty path");
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
                throw Unwritable(path, "is a directory");
            Directory.CreateDirectory(Path.GetDirectoryName(full) ?? throw Unwritable(path, "no parent directory"));
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw Unwritable(path, e.Message);
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a leftover temporary file is harmless.
        }
    }

    private static ValidationException Unwritable(string path, string reason) =>
        new("write", "path", "a writable file path", $"{path}: {Files.OneLine(reason)}");
}
