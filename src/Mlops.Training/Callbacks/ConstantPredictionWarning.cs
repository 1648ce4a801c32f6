using Microsoft.Extensions.Logging;

namespace Mlops.Training.Callbacks;

/// <summary>
/// Warns when the model predicts the same class for every validation sentence: a learning rate that is too
/// high (or a model too small for the task) collapses it to the majority class, which still scores ~69 %
/// accuracy on CoLA but has an MCC of 0.
/// </summary>
public sealed class ConstantPredictionWarning : Callback
{
    public int Warnings { get; private set; }

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        var confusion = result.Confusion;
        if (confusion.Total == 0) return;
        var predictedClasses = Enumerable.Range(0, confusion.NumClasses)
            .Count(p => Enumerable.Range(0, confusion.NumClasses).Sum(a => confusion.Count(a, p)) > 0);
        if (predictedClasses > 1) return;
        Warnings++;
        trainer.Logger.LogWarning(
            "The model predicts one class for all {Count} validation sentences (epoch {Epoch}, step {Step}, lr {Lr}). " +
            "If this persists, lower the learning rate or start from pretrained weights.",
            confusion.Total, result.Epoch + 1, result.GlobalStep, trainer.Options.LearningRate);
    }
}
