using System.Text;
using Onprest.Gateway.Logging;

namespace Onprest.Gateway.Tests.Logging;

public sealed class StdoutEventSinkTests
{
    [Fact]
    public async Task Concurrent_lines_arrive_whole_and_in_each_writers_order()
    {
        var output = new MemoryStream();
        var sink = new StdoutEventSink(output);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                sink.Write(Encoding.UTF8.GetBytes($"{{\"writer\":{w},\"seq\":{i},\"pad\":\"{new string('x', i % 97)}\"}}\n"));
            }
        }));
        await Task.WhenAll(writers);
        await sink.FlushAsync();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16_000, lines.Length);
        var next = new int[8];
        foreach (var line in lines)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var writer = json.RootElement.GetProperty("writer").GetInt32();
            Assert.Equal(next[writer]++, json.RootElement.GetProperty("seq").GetInt32());
        }
    }

    [Fact]
    public async Task A_line_written_after_the_final_flush_still_reaches_the_output()
    {
        var output = new MemoryStream();
        var sink = new StdoutEventSink(output);
        sink.Write("a\n"u8);
        await sink.FlushAsync();
        sink.Write("late\n"u8);
        await sink.DisposeAsync();
        Assert.Equal("a\nlate\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_line_longer_than_the_batch_buffer_is_written_whole()
    {
        var output = new MemoryStream();
        var sink = new StdoutEventSink(output);
        var big = new string('y', 200_000) + "\n";
        sink.Write("first\n"u8);
        sink.Write(Encoding.UTF8.GetBytes(big));
        sink.Write("last\n"u8);
        await sink.FlushAsync();
        Assert.Equal("first\n" + big + "last\n", Encoding.UTF8.GetString(output.ToArray()));
    }
}
