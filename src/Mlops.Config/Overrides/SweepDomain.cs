namespace Mlops.Config.Overrides;

/// <summary>Which sweep function declared a <see cref="SweepDomain"/>.</summary>
public enum SweepFunction
{
    /// <summary><c>interval(low, high)</c>: every real number between, for a search to sample; a grid cannot enumerate it.</summary>
    Interval,
    /// <summary><c>range(start, stop[, step])</c> of whole numbers: <see cref="SweepDomain.Low"/> to <see cref="SweepDomain.High"/> (the last value) by the step.</summary>
    Range,
}

/// <summary>
/// The numeric range of a sweep override, kept beside its values so a search (<c>sweeper=random|tpe</c>) can sample it
/// as a distribution (Hydra's Optuna sweeper reads the same functions the same way), with <c>tag(log, ...)</c> on a log scale.
/// </summary>
public sealed record SweepDomain(SweepFunction Function, decimal Low, decimal High, decimal Step, bool Log);
