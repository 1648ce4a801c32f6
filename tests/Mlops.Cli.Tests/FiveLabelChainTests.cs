namespace Mlops.Cli.Tests;

/// <summary>The whole chain on a generated 5-label table: needs nothing beside the checkout.</summary>
public sealed class FiveLabelChainTests(FiveLabelModel model) : LabelChainTests<FiveLabelModel>(model), IClassFixture<FiveLabelModel>;
