using Mlops.Data.Cola;

namespace Mlops.Data.Tests.Cola;

/// <summary>Reads the real corpus from ../shared/data/cola beside the checkout (.ci/cola.sh puts it there on CI).</summary>
public class RealColaTests
{
    [SkippableFact]
    public async Task Real_cola_has_the_published_split_sizes()
    {
        var dir = SharedData.ColaDir;
        Prerequisite.Require(dir is not null, "../shared/data/cola is not beside this checkout (it holds the real CoLA corpus)",
            "put the cola_public raw TSV files there (`bash .ci/cola.sh` does) to run this test.");
        var splits = await new ColaFolderSource(dir).LoadAsync();
        Assert.Equal(8551, splits.Train.Count);
        Assert.Equal(527, splits.ValidationParts["in_domain"].Count);
        Assert.Equal(516, splits.ValidationParts["out_of_domain"].Count);
        Assert.Equal(6023, splits.Train.Count(s => s.Label == 1));
    }
}
