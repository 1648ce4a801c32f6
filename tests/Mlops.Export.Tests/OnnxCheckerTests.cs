using Mlops.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Inference.Onnx;
using Mlops.Tests;
using Mlops.Testing;

namespace Mlops.Export.Tests;

/// <summary>
/// The exported graphs checked by a validator that is not ours: the ONNX project's own checker (Debian's python3-onnx),
/// with full shape and type inference. It skips nodes of ONNX Runtime's com.microsoft domain and checks everything else.
/// </summary>
public sealed class OnnxCheckerTests : TempDirectoryTest
{
    [SkippableTheory]
    [InlineData(AttentionLayout.Fused)]
    [InlineData(AttentionLayout.Standard)]
    public async Task The_onnx_checker_accepts_the_export(AttentionLayout attention)
    {
        Prerequisite.Require(SystemPython.Has("onnx"), "The ONNX checker is not installed",
            "`apt-get install -y python3-onnx` (which .ci/run does) enables this test.");
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        var result = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(source, null, TextInput.FromTexts(TinyModelFolder.Sentences(20)), new OnnxOptions { Threads = 1 }, attention));
        Assert.True(result.Written);
        var (exitCode, output) = SystemPython.Run("-c", "import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]), full_check=True); print('valid')", source.OnnxPath);
        Assert.True(exitCode == 0, output);
        Assert.Contains("valid", output);
    }
}
