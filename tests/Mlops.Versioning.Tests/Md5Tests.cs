using System.Security.Cryptography;
using System.Text;

namespace Mlops.Versioning.Tests;

/// <summary>
/// The two hashes DVC uses: plain MD5 (DVC 3) and DVC 2's, which reads a text file's CRLFs as LFs, deciding "text" from
/// the first 512 bytes and replacing within each 1 MiB chunk (dvc-data's <c>test_file_md5_dos2unix</c> and its
/// <c>HashStreamFile</c>), so a DVC 2 project's hashes come out as DVC computed them.
/// </summary>
public sealed class Md5Tests : TempDirectoryTest
{
    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    [Fact]
    public void A_crlf_text_file_hashes_as_its_lf_twin_under_dvc_2_only()
    {
        // dvc-data tests/hashfile/test_hash.py: b"a\nb\nc" and b"a\r\nb\r\nc" have the same md5-dos2unix.
        var lf = Write("cr", "a\nb\nc"u8.ToArray());
        var crlf = Write("crlf", "a\r\nb\r\nc"u8.ToArray());
        Assert.Equal(Md5.OfFile(lf, dos2unix: true, CancellationToken.None), Md5.OfFile(crlf, dos2unix: true, CancellationToken.None));
        Assert.Equal(Hex("a\nb\nc"u8.ToArray()), Md5.OfFile(crlf, dos2unix: true, CancellationToken.None));
        Assert.Equal(Hex("a\r\nb\r\nc"u8.ToArray()), Md5.OfFile(crlf, dos2unix: false, CancellationToken.None));
        Assert.Equal(Hex("x\r\n"u8.ToArray()), Md5.OfFile(Write("crcrlf", "x\r\r\n"u8.ToArray()), dos2unix: true, CancellationToken.None));
    }

    [Fact]
    public void Binary_files_are_hashed_as_they_are()
    {
        byte[] withNul = [.. "a\r\nb"u8, 0, .. "\r\n"u8];
        Assert.Equal(Hex(withNul), Md5.OfFile(Write("nul", withNul), dos2unix: true, CancellationToken.None));
        // More than 30 % of the first 512 bytes outside printable ASCII: binary, even without a NUL.
        var mostlyHigh = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? (byte)'\r' : (byte)0xE9).ToArray();
        mostlyHigh[1] = (byte)'\r';
        mostlyHigh[2] = (byte)'\n';
        Assert.Equal(Hex(mostlyHigh), Md5.OfFile(Write("high", mostlyHigh), dos2unix: true, CancellationToken.None));
        Assert.False(Md5.IsText(mostlyHigh.AsSpan(0, 512)));
        Assert.True(Md5.IsText("plain text, e.g. a vocab.txt\n"u8));
        Assert.True(Md5.IsText([]));
    }

    [Fact]
    public void Crlf_is_replaced_within_each_1_MiB_chunk_as_DVC_reads_them_and_large_files_stream()
    {
        const int chunk = 1 << 20;
        // A CRLF split by the chunk boundary stays (DVC replaces per chunk); one inside the second chunk goes.
        var bytes = Encoding.ASCII.GetBytes(new string('x', chunk - 1) + "\r\n" + new string('y', chunk) + "\r\nz");
        var expected = Hex([.. Replace(bytes.AsSpan(0, chunk)), .. Replace(bytes.AsSpan(chunk, chunk)), .. Replace(bytes.AsSpan(2 * chunk))]);
        var path = Write("large.txt", bytes);
        Assert.Equal(expected, Md5.OfFile(path, dos2unix: true, CancellationToken.None));
        Assert.Equal(Hex(bytes), Md5.OfFile(path, dos2unix: false, CancellationToken.None));

        static byte[] Replace(ReadOnlySpan<byte> part) => Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(part).Replace("\r\n", "\n"));
    }

    [Fact]
    public void Empty_small_and_multi_chunk_files_hash_as_their_bytes()
    {
        var random = new Random(5);
        foreach (var size in new[] { 0, 1, 4096, (1 << 16) - 1, 1 << 16, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 7 })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            Assert.Equal(Hex(bytes), Md5.OfFile(Write($"f{size}", bytes), dos2unix: false, CancellationToken.None));
        }
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        Assert.Throws<FileNotFoundException>(() => Md5.OfFile(Path.Combine(Dir, "nope"), dos2unix: false, CancellationToken.None));
        Assert.False(SmallFile.TryRead(Dir, new byte[16], out _), "a folder is not a small file");
    }
}
