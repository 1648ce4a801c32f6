using System.Text.Json;
using Mlops.Monitoring.Performance;

namespace Mlops.Monitoring.Tests;

/// <summary>
/// <see cref="IsotonicCalibration"/> against scikit-learn's <c>IsotonicRegression(increasing=True, out_of_bounds="clip")</c>
/// (Debian's python3-sklearn) fitted on the same generated scores and outcomes: the same kept points, the same fitted
/// probabilities, and the same predictions at every training score and on a grid reaching past both ends (clipped).
/// The calibration takes no sample weights and always fits an increasing map, so neither is varied.
/// </summary>
public sealed class IsotonicCalibrationAgainstSklearnTests
{
    private const string Script = """
        import json, sys
        from sklearn.isotonic import IsotonicRegression
        case = json.load(open(sys.argv[1]))
        fit = IsotonicRegression(increasing=True, out_of_bounds="clip").fit(case["scores"], case["outcomes"])
        print(json.dumps({"scores": fit.X_thresholds_.tolist(), "probabilities": fit.y_thresholds_.tolist(),
                          "predictions": fit.predict(case["queries"]).tolist()}))
        """;

    /// <summary>Case, sample size, decimals the scores are rounded to (-1: none), most ulps added to each, outcomes falling with the score.</summary>
    public static TheoryData<string, int, int, int, bool> Cases => new()
    {
        { "continuous scores, outcome probability score squared", 500, -1, 0, false },
        { "scores tied at two decimals", 800, 2, 0, false },
        { "outcomes falling with the score, fitted increasing all the same", 300, 1, 0, true },
        { "scores a few ulps apart, closer than float64 resolution", 400, 1, 3, false },
        { "two distinct scores", 30, 0, 0, false },
        { "a handful of points", 7, -1, 0, false },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void The_fit_matches_scikit_learn_on_the_same_inputs(string name, int count, int decimals, int ulps, bool falling)
    {
        Prerequisite.Require(SystemPython.Has("sklearn"), "No scikit-learn for /usr/bin/python3", "apt-get install python3-sklearn (.ci/run does)");
        var random = new Random(count);
        var scores = new double[count];
        var outcomes = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var score = random.NextDouble();
            outcomes[i] = random.NextDouble() < (falling ? 1 - score : score * score);
            if (decimals >= 0) score = Math.Round(score, decimals);
            for (var added = random.Next(ulps + 1); added > 0; added--) score = Math.BitIncrement(score);
            scores[i] = score;
        }
        double[] queries = [.. scores, .. Enumerable.Range(0, 151).Select(i => -0.25 + i / 100.0)];

        var sklearn = SystemPython.Compute(Script, new { scores, outcomes = outcomes.Select(o => o ? 1.0 : 0.0), queries });
        double[] Values(string property) => sklearn.GetProperty(property).Deserialize<double[]>()!;

        var fit = IsotonicCalibration.Fit(scores, outcomes);
        Assert.Equal(Values("scores"), fit.Scores);
        AssertClose(Values("probabilities"), fit.Probabilities, name);
        AssertClose(Values("predictions"), [.. queries.Select(fit.Apply)], name);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual, string name)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12, $"{name}: item {i} is {actual[i]}, scikit-learn has {expected[i]}");
    }
}
