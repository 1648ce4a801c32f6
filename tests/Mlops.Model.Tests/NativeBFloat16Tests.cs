using Mlops.Model.Bert;

namespace Mlops.Model.Tests;

public class NativeBFloat16Tests
{
    [Theory]
    [InlineData("processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\nbogomips\t: 4000\n", false)]
    [InlineData("processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512_bf16 avx512_vnni\n", true)]
    [InlineData("processor\t: 0\nflags\t\t: fpu avx2 amx_bf16 amx_tile\n", true)]
    [InlineData("processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\n", true)]
    [InlineData("processor\t: 0\nFeatures\t: fp asimd\n", false)]
    public void Reads_native_bf16_from_the_cpu_flags(string cpuInfo, bool native) => Assert.Equal(native, NativeBFloat16.InCpuInfo(cpuInfo));

    [Fact]
    public void A_flag_that_only_contains_bf16_does_not_count_and_no_flags_line_is_unknown()
    {
        Assert.Equal(false, NativeBFloat16.InCpuInfo("flags\t: avx512_bf16x avx2\n"));
        Assert.Null(NativeBFloat16.InCpuInfo("processor\t: 0\nmodel name\t: something\n"));
    }
}
