namespace Mlops.Cli.Tests;

/// <summary>The whole chain on the real GitHub issues and their 22 areas (../shared beside the checkout; skipped, or under CI failed, without it).</summary>
public sealed class GithubIssuesChainTests(GithubIssuesModel model) : LabelChainTests<GithubIssuesModel>(model), IClassFixture<GithubIssuesModel>;
