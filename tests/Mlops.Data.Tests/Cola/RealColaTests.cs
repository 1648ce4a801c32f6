using Mlops.Data.Cola;

namespace Mlops.Data.Tests.Cola;

/// <summary>Opt-in: reads the real corpus from ../shared/data/cola when it sits beside the checkout.</summary>
public class RealColaTests
{
    [SkippableFact]
    public async Task Real_cola_has_the_published_split_sizes()
    {
        var dir = SharedData.ColaDir;
        Skip.If(dir is null, "../shared/data/cola is not beside this checkout (it holds the real CoLA corpus); this test needs it.");
        var splits = await new ColaFolderSource(dir!).LoadAsync();
        Assert.Equal(8551, splits.Train.Count);
        Assert.Equal(527, splits.ValidationParts["in_domain"].Count);
        Assert.Equal(516, splits.ValidationParts["out_of_domain"].Count);
        Assert.Equal(6023, splits.Train.Count(s => s.Label == 1));
    }
}
