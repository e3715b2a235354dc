using QBatt.IO;
using Xunit;

namespace QBatt.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void WritesTextAndReplacesAnExistingFile()
    {
        using var dir = new TempDir();
        var path = dir.File("out.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second é");
        Assert.Equal("second é", File.ReadAllText(path));
        Assert.Equal([0x73, 0x65], File.ReadAllBytes(path)[..2]); // no byte-order mark
        Assert.Equal(["out.txt"], dir.Entries());
    }

    [Fact]
    public void WritesBytesAndStreams()
    {
        using var dir = new TempDir();
        AtomicFile.WriteAllBytes(dir.File("a.bin"), [1, 2, 3]);
        AtomicFile.Write(dir.File("b.bin"), s => s.Write([4, 5]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(dir.File("a.bin")));
        Assert.Equal([4, 5], File.ReadAllBytes(dir.File("b.bin")));
    }

    [Fact]
    public void CreatesMissingParentDirectories()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Root, "x", "y", "z.txt");
        AtomicFile.WriteAllText(path, "ok");
        Assert.Equal("ok", File.ReadAllText(path));
    }

    [Fact]
    public void WriterFailureLeavesTargetUntouchedAndNoTemporaryFile()
    {
        using var dir = new TempDir();
        var path = dir.File("keep.txt");
        File.WriteAllText(path, "old");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[10_000]);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("interrupted", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["keep.txt"], dir.Entries());
    }

    [Fact]
    public void DirectoryInTheWayIsAValidationError()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<ValidationException>(() => AtomicFile.WriteAllText(dir.Root, "x"));
        Assert.Contains(dir.Root, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("write: argument 'path' expected a writable file path", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ParentThatIsAFileIsAValidationError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("plain"), "");
        var path = Path.Combine(dir.File("plain"), "child.txt");
        var e = Assert.Throws<ValidationException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void AbandonedWriteLeavesNeitherTemporaryFileNorTarget()
    {
        // what the CLI does on SIGINT/SIGTERM while a file is being written
        using var dir = new TempDir();
        var path = dir.File("big.bin");
        File.WriteAllText(dir.File("old.txt"), "kept");
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var writer = Task.Run(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[4096]);
            s.Flush();
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            s.Write(new byte[4096]);
        }));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        Assert.Single(dir.Entries(), e => e.EndsWith(".tmp", StringComparison.Ordinal));
        using (var other = new TempDir())
            Assert.Equal(0, AtomicFile.AbandonPending(other.Root)); // another directory's writes are not touched
        Assert.Equal(1, AtomicFile.AbandonPending(dir.Root));
        Assert.Equal(["old.txt"], dir.Entries());
        release.Set();
        Assert.Throws<OperationCanceledException>(() => writer.GetAwaiter().GetResult());
        Assert.Equal(["old.txt"], dir.Entries());
        AtomicFile.WriteAllText(path, "later writes work"); // only writes in progress are abandoned
        Assert.Equal("later writes work", File.ReadAllText(path));
    }

    [Fact]
    public void CompletedIsRaisedOnceTheFileIsInPlace()
    {
        using var dir = new TempDir();
        var path = dir.File("done.txt");
        var seen = new List<(string Path, bool Exists)>();
        void OnCompleted(string p)
        {
            if (p.StartsWith(dir.Root, StringComparison.Ordinal))
                lock (seen) seen.Add((p, File.Exists(p)));
        }
        AtomicFile.Completed += OnCompleted;
        try
        {
            AtomicFile.WriteAllText(path, "x");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("failed.txt"), _ => throw new InvalidOperationException("no")));
        }
        finally
        {
            AtomicFile.Completed -= OnCompleted;
        }
        Assert.Equal([(Path.GetFullPath(path), true)], seen);
    }

    [Fact]
    public void EmptyPathIsAValidationError()
    {
        Assert.Throws<ValidationException>(() => AtomicFile.WriteAllText("", "x"));
    }
}
