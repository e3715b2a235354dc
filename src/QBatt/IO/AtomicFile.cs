using System.Text;

namespace QBatt.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the target's directory,
/// which is flushed to disk and then renamed over the target, so an interrupted run leaves
/// either the old file or the complete new one, never a half-written file (DESIGN.md, Conventions).
/// A process that is being stopped (the CLI on SIGINT/SIGTERM) calls <see cref="AbandonPending"/>
/// so that no temporary file is left behind either.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lock Gate = new();
    private static readonly HashSet<PendingWrite> Pending = [];

    private static readonly AsyncLocal<OutputSet?> CurrentSet = new();

    /// <summary>Raised with the full path after each file is complete and renamed into place.</summary>
    public static event Action<string>? Completed;

    /// <summary>
    /// Starts a set of outputs written together (all the files of one command run, e.g. <c>--out r.csv --plot r.svg</c>):
    /// until <see cref="OutputSet.Commit"/>, each write of this asynchronous flow (and of the tasks it starts) is complete
    /// in its temporary file but not renamed into place; <see cref="OutputSet.Commit"/> renames them all, and disposing the
    /// set without committing deletes them, so a failed or interrupted run leaves none of its files rather than a part.
    /// </summary>
    public static OutputSet BeginSet()
    {
        var set = new OutputSet(CurrentSet.Value);
        CurrentSet.Value = set;
        return set;
    }

    /// <summary>
    /// Deletes the temporary file of every write in progress (only those whose target lies inside
    /// <paramref name="directory"/> when given) and makes each of those writes fail with an
    /// <see cref="OperationCanceledException"/> instead of renaming its file into place: the target
    /// keeps its old content or stays absent. Writes that start later are not affected. Returns the
    /// number of temporary files removed.
    /// </summary>
    public static int AbandonPending(string? directory = null)
    {
        var root = directory is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        lock (Gate)
        {
            var removed = 0;
            foreach (var w in Pending.Where(w => root is null || w.Temp.StartsWith(root, StringComparison.Ordinal)).ToList())
            {
                w.Abandoned = true;
                Pending.Remove(w);
                if (TryDelete(w.Temp)) removed++;
            }
            return removed;
        }
    }

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
    /// <exception cref="OperationCanceledException">The write was abandoned by <see cref="AbandonPending"/>.</exception>
    public static void Write(string path, Action<Stream> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var full = PrepareTarget(path);
        var pending = new PendingWrite(Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp"));
        lock (Gate) Pending.Add(pending);
        var done = false;
        try
        {
            // read-write: some writers (PureHDF) need to read back what they wrote
            using (var stream = new FileStream(pending.Temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                writer(stream);
                stream.Flush(flushToDisk: true);
            }
            lock (Gate)
            {
                if (pending.Abandoned)
                    throw new OperationCanceledException($"write {path}: abandoned before completion");
                if (CurrentSet.Value is { } set)
                {
                    set.Add(pending, full);
                    done = true;
                    return;
                }
                File.Move(pending.Temp, full, overwrite: true);
                Pending.Remove(pending);
                done = true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(path, e.Message);
        }
        finally
        {
            if (!done)
            {
                lock (Gate) Pending.Remove(pending);
                TryDelete(pending.Temp);
            }
        }
        Completed?.Invoke(full);
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

    private static bool TryDelete(string file)
    {
        try
        {
            if (!File.Exists(file)) return false;
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a leftover temporary file is harmless.
            return false;
        }
    }

    /// <summary>The files of one run, complete in their temporary files, renamed into place together (<see cref="BeginSet"/>).</summary>
    public sealed class OutputSet : IDisposable
    {
        private readonly OutputSet? _outer;
        private readonly List<(PendingWrite Write, string Target)> _files = [];
        private bool _closed;

        internal OutputSet(OutputSet? outer) => _outer = outer;

        /// <summary>Number of files waiting for <see cref="Commit"/>.</summary>
        public int Count
        {
            get { lock (Gate) return _files.Count; }
        }

        internal void Add(PendingWrite write, string target) => _files.Add((write, target)); // under Gate

        /// <summary>Renames every file of the set into place (a later write of the same target wins); returns the targets.</summary>
        /// <exception cref="OperationCanceledException">The set was abandoned by <see cref="AbandonPending"/>.</exception>
        public IReadOnlyList<string> Commit()
        {
            var moved = new List<string>();
            lock (Gate)
            {
                if (_files.Any(f => f.Write.Abandoned))
                    throw new OperationCanceledException("output set: abandoned before completion");
                try
                {
                    foreach (var (w, target) in _files)
                    {
                        File.Move(w.Temp, target, overwrite: true);
                        Pending.Remove(w);
                        moved.Add(target);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw Unwritable(_files[moved.Count].Target, e.Message);
                }
                finally
                {
                    Close();
                }
            }
            foreach (var m in moved) Completed?.Invoke(m);
            return moved;
        }

        /// <summary>Deletes the files not committed and ends the set.</summary>
        public void Dispose()
        {
            lock (Gate) Close();
        }

        private void Close()
        {
            if (_closed) return;
            _closed = true;
            foreach (var (w, _) in _files)
            {
                Pending.Remove(w);
                TryDelete(w.Temp);
            }
            _files.Clear();
            if (CurrentSet.Value == this) CurrentSet.Value = _outer;
        }
    }

    /// <summary>A write in progress: its temporary file, and whether it was abandoned.</summary>
    internal sealed class PendingWrite(string temp)
    {
        public string Temp { get; } = temp;

        public bool Abandoned { get; set; }
    }

    private static ValidationException Unwritable(string path, string reason) =>
        new("write", "path", "a writable file path", $"{path}: {Files.OneLine(reason)}");
}
