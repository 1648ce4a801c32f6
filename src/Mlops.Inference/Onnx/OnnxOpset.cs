using Google.Protobuf;

namespace Mlops.Inference.Onnx;

/// <summary>
/// Reads the default-domain opset of an ONNX file from its <c>ModelProto</c> header, seeking past the graph instead of
/// reading it (a 90 MB model costs microseconds, not a pass over the file), so a file that is not ONNX or targets an
/// older opset is refused with one clear line before ONNX Runtime loads it.
/// </summary>
public static class OnnxOpset
{
    private const int IrVersionField = 1;
    private const int GraphField = 7;
    private const int OpsetImportField = 8;

    /// <summary>The version imported for the default (<c>ai.onnx</c>) domain; throws <see cref="InvalidDataException"/> when the file is not an ONNX model.</summary>
    public static long Read(string path)
    {
        try
        {
            return ReadHeader(path);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or EndOfStreamException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static long ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
        long? opset = null;
        bool sawIrVersion = false, sawGraph = false;
        while (stream.Position < stream.Length)
        {
            var tag = ReadVarint(stream);
            var (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case 0:
                    ReadVarint(stream);
                    sawIrVersion |= field == IrVersionField;
                    break;
                case 1:
                    Skip(stream, 8);
                    break;
                case 5:
                    Skip(stream, 4);
                    break;
                case 2:
                    var length = (long)ReadVarint(stream);
                    if (field == OpsetImportField)
                    {
                        var bytes = new byte[length];
                        stream.ReadExactly(bytes);
                        var (domain, version) = ReadOperatorSet(ByteString.CopyFrom(bytes));
                        if (domain is "" or "ai.onnx") opset = version;
                    }
                    else
                    {
                        sawGraph |= field == GraphField;
                        Skip(stream, length);
                    }
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} at byte {stream.Position}: not a protobuf message");
            }
        }
        if (!sawIrVersion || !sawGraph) throw new InvalidDataException("no ir_version or no graph");
        return opset ?? throw new InvalidDataException("no opset_import for the default domain");
    }

    private static ulong ReadVarint(Stream stream)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = stream.ReadByte();
            if (b < 0) throw new EndOfStreamException("the file ends inside a field");
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("a malformed varint");
    }

    private static void Skip(Stream stream, long count)
    {
        if (count < 0 || stream.Position + count > stream.Length) throw new EndOfStreamException("the file ends inside a field");
        stream.Seek(count, SeekOrigin.Current);
    }

    private static (string Domain, long Version) ReadOperatorSet(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var (domain, version) = ("", 0L);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: domain = input.ReadString(); break;
                case 2: version = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (domain, version);
    }
}
