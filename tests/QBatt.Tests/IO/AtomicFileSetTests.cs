using QBatt.IO;

namespace QBatt.Tests.IO;

/// <summary>Output sets (issue 11): the files of one run are put in place together or not at all.</summary>
public class AtomicFileSetTests
{
    [Fact]
    public void A_set_disposed_without_commit_leaves_no_file_and_a_committed_set_leaves_all()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-set").FullName;
        try
        {
            var (csv, svg) = (Path.Combine(dir, "r.csv"), Path.Combine(dir, "r.svg"));
            using (var set = AtomicFile.BeginSet())
            {
                AtomicFile.WriteAllText(csv, "a,b\n");
                AtomicFile.WriteAllText(svg, "<svg/>");
                Assert.Equal(2, set.Count);
                Assert.False(File.Exists(csv));
            }
            Assert.Empty(Directory.GetFileSystemEntries(dir)); // neither the files nor their temporaries

            using (var set = AtomicFile.BeginSet())
            {
                AtomicFile.WriteAllText(csv, "a,b\n");
                AtomicFile.WriteAllText(svg, "<svg/>");
                Assert.Equal([csv, svg], set.Commit());
            }
            Assert.Equal("a,b\n", File.ReadAllText(csv));
            Assert.Equal("<svg/>", File.ReadAllText(svg));
            Assert.Equal(2, Directory.GetFileSystemEntries(dir).Length);

            // outside a set a write is in place at once
            AtomicFile.WriteAllText(Path.Combine(dir, "x.json"), "{}");
            Assert.True(File.Exists(Path.Combine(dir, "x.json")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Abandoning_pending_writes_fails_the_commit_and_removes_the_temporary_files()
    {
        var dir = Directory.CreateTempSubdirectory("qbatt-set").FullName;
        try
        {
            using (var set = AtomicFile.BeginSet())
            {
                AtomicFile.WriteAllText(Path.Combine(dir, "r.json"), "{}");
                Assert.Equal(1, AtomicFile.AbandonPending(dir));
                Assert.Throws<OperationCanceledException>(() => set.Commit());
            }
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
