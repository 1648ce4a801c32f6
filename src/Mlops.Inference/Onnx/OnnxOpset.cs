using Google.Protobuf;

namespace Mlops.Inference.Onnx;

/// <summary>
/// Reads the default-domain opset of an ONNX file from its <c>ModelProto</c> header, skipping the graph, so a file
/// that is not ONNX or targets an older opset is refused with one clear line before ONNX Runtime loads it.
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
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    private static long ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var input = new CodedInputStream(stream);
        long? opset = null;
        bool sawIrVersion = false, sawGraph = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case IrVersionField when WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint:
                    input.ReadInt64();
                    sawIrVersion = true;
                    break;
                case OpsetImportField when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    var (domain, version) = ReadOperatorSet(input.ReadBytes());
                    if (domain is "" or "ai.onnx") opset = version;
                    break;
                case GraphField:
                    sawGraph = true;
                    input.SkipLastField();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        if (!sawIrVersion || !sawGraph) throw new InvalidDataException("no ir_version or no graph");
        return opset ?? throw new InvalidDataException("no opset_import for the default domain");
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
