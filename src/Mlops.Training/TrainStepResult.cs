namespace Mlops.Training;

/// <summary>What one optimizer step produced, handed to callbacks after the step.</summary>
public sealed record TrainStepResult(int Epoch, int GlobalStep, int BatchIndex, double Loss, double LearningRate, int Sentences, long Tokens, TimeSpan Elapsed);
