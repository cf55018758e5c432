using System;
using System.Collections.Generic;

namespace HyperGen;

/// <summary>
/// Keeps studies: their description, trials, parameter values, per-step values, training histories, oracle state,
/// user attributes and checkpoint paths. <see cref="InMemoryStudyStorage"/> keeps them in the process;
/// <see cref="SqliteStudyStorage"/> keeps them in a file that several processes can share.
/// </summary>
/// <remarks>
/// <para>Every change happens inside <see cref="Write{T}"/>, which runs its callback as one transaction that no other
/// writer, in this process or another, interleaves with. A transaction that throws changes nothing.</para>
/// <para>Each study has a change counter. Every transaction that writes raises it by one and stamps the trials it
/// touched with the new value, so a reader catches up with <see cref="IStudyTransaction.ReadTrialsChangedSince"/>
/// at a cost proportional to what changed, not to the size of the study.</para>
/// </remarks>
public interface IStudyStorage : IDisposable
{
    /// <summary>Where the studies live, for messages: a file path, or a short description.</summary>
    string Location { get; }

    /// <summary>
    /// Returns the study named <paramref name="description"/>'s <see cref="StudyDescription.Name"/>, creating it from
    /// the description when it does not exist. An existing study is returned as stored, even when the description
    /// differs; the caller compares the two.
    /// </summary>
    StoredStudy CreateOrOpenStudy(StudyDescription description);

    /// <summary>Reads a study, or returns null when there is none with that name.</summary>
    StoredStudy? ReadStudy(string studyName);

    /// <summary>Deletes a study and everything it holds. Returns false when there was none.</summary>
    bool DeleteStudy(string studyName);

    /// <summary>Every trial of a study, in number order, with its per-step values, events and attributes.</summary>
    /// <exception cref="StudyNotFoundException">The study does not exist.</exception>
    IReadOnlyList<StoredTrial> ReadTrials(string studyName);

    /// <summary>Runs <paramref name="work"/> as one transaction on a study and returns its result.</summary>
    /// <exception cref="StudyNotFoundException">The study does not exist, for example because another process
    /// deleted it.</exception>
    /// <exception cref="StudyStorageException">The storage could not complete the transaction (locked past the
    /// timeout, disk full, read-only); nothing was changed.</exception>
    T Write<T>(string studyName, Func<IStudyTransaction, T> work);
}

/// <summary>
/// The operations of one transaction on one study. Valid only inside the <see cref="IStudyStorage.Write{T}"/>
/// callback that received it.
/// </summary>
public interface IStudyTransaction
{
    /// <summary>The study's change counter when the transaction began.</summary>
    long Version { get; }

    /// <summary>The change counter of the oracle state when the transaction began; 0 when none was saved.</summary>
    long OracleStateVersion { get; }

    /// <summary>The trials whose change stamp is above <paramref name="version"/>, in number order.</summary>
    IReadOnlyList<StoredTrial> ReadTrialsChangedSince(long version);

    /// <summary>The oracle's saved state, or null when it saved none.</summary>
    string? ReadOracleState();

    /// <summary>Adds a trial.</summary>
    /// <exception cref="InvalidOperationException">The study already has a trial with that number.</exception>
    void InsertTrial(StoredTrial trial);

    /// <summary>
    /// Replaces a trial's status, values, results, lease and checkpoint. The values change when Build declared
    /// parameters that the proposal did not have. Per-step values, events and attributes are added with their own
    /// methods and are not touched.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trial does not exist, or it has finished: a finished trial
    /// never changes.</exception>
    void UpdateTrial(StoredTrial trial);

    /// <summary>Records a trial's value at one step, replacing a value stored for that step before.</summary>
    /// <exception cref="InvalidOperationException">The trial does not exist, or it has finished.</exception>
    void SetIntermediateValue(int trialNumber, int step, double value);

    /// <summary>Removes a trial's per-step values, before another execution or attempt reports its own.</summary>
    /// <exception cref="InvalidOperationException">The trial does not exist, or it has finished.</exception>
    void ClearIntermediateValues(int trialNumber);

    /// <summary>Appends an event to a trial's history.</summary>
    /// <exception cref="InvalidOperationException">The trial does not exist.</exception>
    void AddEvent(int trialNumber, TrialEvent trialEvent);

    /// <summary>Sets a user attribute of a trial.</summary>
    /// <exception cref="InvalidOperationException">The trial does not exist.</exception>
    void SetTrialAttribute(int trialNumber, string key, string value);

    /// <summary>Replaces the oracle's saved state.</summary>
    void SaveOracleState(string? state);

    /// <summary>Replaces the study's description, after the user accepted a changed space or changed settings.</summary>
    void UpdateDescription(StudyDescription description);
}
