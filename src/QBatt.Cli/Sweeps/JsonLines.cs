using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QBatt.Cli.Sweeps;

/// <summary>
/// A JSON-lines file that survives SIGKILL: each record is one complete line written with a single
/// write, flushed and fsynced before the next point is reported done. A kill can therefore leave
/// only a torn last line (no newline, or bytes that are not JSON), which readers skip and the
/// owner of the file truncates before it appends again.
/// </summary>
internal sealed class JsonLinesWriter : IDisposable
{
    private readonly FileStream _stream;

    /// <summary>Opens <paramref name="path"/> for appending, first cutting a torn last line (the file's owner only).</summary>
    public JsonLinesWriter(string path)
    {
        var contents = JsonLines.Read(path);
        _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        if (_stream.Length != contents.GoodLength) _stream.SetLength(contents.GoodLength);
        _stream.Seek(0, SeekOrigin.End);
        Repaired = contents.Torn;
    }

    /// <summary>True when opening cut a torn last line.</summary>
    public bool Repaired { get; }

    public void Append(JsonObject record)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonLines.Line(record));
        _stream.Write(bytes);
        _stream.Flush(flushToDisk: true);
    }

    public void Dispose() => _stream.Dispose();
}

/// <summary>Reads JSON-lines files written by <see cref="JsonLinesWriter"/>.</summary>
internal static class JsonLines
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A record as one line of text, newline included (compact JSON, non-ASCII text kept as UTF-8).</summary>
    public static string Line(JsonObject record) => record.ToJsonString(Compact) + "\n";

    /// <summary>The records, the length of the file up to the last good line, and whether a torn last line followed.</summary>
    public sealed record Contents(List<JsonObject> Records, long GoodLength, bool Torn);

    /// <exception cref="UsageException">A line other than the last is not a JSON object (the file was edited or damaged).</exception>
    public static Contents Read(string path)
    {
        if (!File.Exists(path)) return new([], 0, false);
        var bytes = File.ReadAllBytes(path);
        var records = new List<JsonObject>();
        long start = 0, good = 0;
        var line = 0;
        while (start < bytes.Length)
        {
            line++;
            var nl = Array.IndexOf(bytes, (byte)'\n', (int)start);
            var end = nl < 0 ? bytes.Length : nl;
            var record = Parse(bytes.AsSpan((int)start, (int)(end - start)));
            var last = nl < 0 || nl == bytes.Length - 1;
            if (record is null || nl < 0)
            {
                if (last) return new(records, good, true);
                throw new UsageException($"{path}: line {line} is not a JSON object (the file was edited or damaged; remove the line to go on)");
            }
            records.Add(record);
            start = nl + 1;
            good = start;
        }
        return new(records, good, false);
    }

    private static JsonObject? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
