namespace Mlops.Tracking.Artifacts;

/// <summary>One class's scores in a run's report: how many validation samples truly are of it, and its precision, recall and F1.</summary>
public sealed record ClassScores(string Label, int Support, double Precision, double Recall, double F1);
