namespace HyperGen;

/// <summary>
/// How long a trial trains and where it starts, for oracles that allot epochs per trial (such as Hyperband): the
/// trial trains from <see cref="InitialEpoch"/> up to <see cref="Epochs"/>, continuing from the saved weights of
/// <see cref="ResumeFromTrialId"/> when it is set.
/// </summary>
/// <param name="Epochs">The epoch count to reach, counting the epochs of the trial it continues.</param>
/// <param name="InitialEpoch">The first epoch to train (from 0); 0 for a trial that starts from scratch.</param>
/// <param name="ResumeFromTrialId">The trial whose saved weights this one continues from, or null.</param>
/// <param name="Bracket">The Hyperband bracket, or null for other oracles.</param>
/// <param name="Round">The round within the bracket, or null for other oracles.</param>
public sealed record TrialSchedule(
    int Epochs, int InitialEpoch = 0, string? ResumeFromTrialId = null, int? Bracket = null, int? Round = null);
