using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HyperGen;
using Xunit;

namespace HyperGen.Tests;

public class StudyExportTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 31, 12, 0, 0, TimeSpan.FromHours(2));

    private static StoredTrial Trial(int number, Dictionary<string, object> values, TrialStatus status = TrialStatus.Completed, TrialSchedule? schedule = null) => new()
    {
        Number = number,
        Status = status,
        Values = values,
        Schedule = schedule,
        Score = status == TrialStatus.Completed ? 0.5 + number : null,
        StartedAt = Start.AddMinutes(number),
        EndedAt = status == TrialStatus.Running ? null : Start.AddMinutes(number).AddSeconds(1.5),
        Attempts = 1,
    };

    private static string Csv(IReadOnlyList<StoredTrial> trials)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        StudyExport.WriteCsv(trials, writer);
        return writer.ToString();
    }

    private static JsonDocument Json(IReadOnlyList<StoredTrial> trials)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        StudyExport.WriteJson(trials, writer);
        return JsonDocument.Parse(writer.ToString());
    }

    /// <summary>The CSV's records as dictionaries from column name to field, read by <see cref="CsvReader"/>.</summary>
    private static List<Dictionary<string, string>> CsvRows(string csv)
    {
        var records = CsvReader.Parse(csv);
        var header = records[0];
        return records.Skip(1).Select(record => header.Zip(record).ToDictionary(pair => pair.First, pair => pair.Second)).ToList();
    }

    [Fact]
    public void Csv_TrickyStrings_RoundTrip()
    {
        string[] tricky = ["a,b", "say \"hi\"", "line one\nline two", "carriage\r\nreturn", " padded ", "", "naïve"];
        var trials = tricky.Select((text, number) =>
        {
            var trial = Trial(number, new Dictionary<string, object> { ["label"] = text }, TrialStatus.Failed);
            trial.ErrorMessage = "Fit threw: " + text;
            return trial;
        }).ToList();

        var rows = CsvRows(Csv(trials));

        Assert.Equal(tricky.Length, rows.Count);
        for (int i = 0; i < tricky.Length; i++)
        {
            Assert.Equal(tricky[i], rows[i]["param_label"]);
            Assert.Equal("Fit threw: " + tricky[i], rows[i]["error"]);
        }
    }

    [Fact]
    public void Csv_Numbers_RoundTripExactly()
    {
        double[] numbers = [0.1, 1.0 / 3, 1e-300, -2.5e20, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 3.0];
        var trials = numbers.Select((number, i) =>
        {
            var trial = Trial(i, new Dictionary<string, object> { ["x"] = number, ["n"] = i * 1000 });
            trial.Score = number;
            trial.Metrics = new Dictionary<string, double> { ["val_loss"] = number };
            return trial;
        }).ToList();

        var rows = CsvRows(Csv(trials));

        for (int i = 0; i < numbers.Length; i++)
        {
            Assert.Equal(numbers[i], double.Parse(rows[i]["score"], CultureInfo.InvariantCulture));
            Assert.Equal(numbers[i], double.Parse(rows[i]["param_x"], CultureInfo.InvariantCulture));
            Assert.Equal(numbers[i], double.Parse(rows[i]["metric_val_loss"], CultureInfo.InvariantCulture));
            Assert.Equal((i * 1000).ToString(CultureInfo.InvariantCulture), rows[i]["param_n"]);
        }

        Assert.Equal("NaN", rows[4]["score"]);
        Assert.Equal("Infinity", rows[5]["score"]);
        Assert.Equal("-Infinity", rows[6]["score"]);
    }

    [Fact]
    public void Csv_ConditionalParameter_EmptyWhenInactive()
    {
        var trials = new List<StoredTrial>
        {
            Trial(0, new() { ["optimizer"] = "adam" }),
            Trial(1, new() { ["optimizer"] = "sgd", ["momentum"] = 0.9 }),
            Trial(2, new() { ["optimizer"] = "adam" }),
        };

        var rows = CsvRows(Csv(trials));

        Assert.Equal("", rows[0]["param_momentum"]);
        Assert.Equal("0.9", rows[1]["param_momentum"]);
        Assert.Equal("", rows[2]["param_momentum"]);
    }

    [Fact]
    public void Csv_Columns_FixedThenFirstSeenOrder()
    {
        var first = Trial(0, new() { ["units"] = 64, ["activation"] = "relu" });
        first.Metrics = new Dictionary<string, double> { ["val_accuracy"] = 0.9, ["loss"] = 0.3 };
        var second = Trial(1, new() { ["activation"] = "tanh", ["dropout_rate"] = 0.2, ["units"] = 32 });
        second.Metrics = new Dictionary<string, double> { ["val_loss"] = 0.4, ["val_accuracy"] = 0.8 };

        string csv = Csv([first, second]);

        string expected = "number,status,score,param_units,param_activation,param_dropout_rate,"
            + "metric_val_accuracy,metric_loss,metric_val_loss,attempts,started_at,ended_at,duration_seconds,error";
        Assert.Equal(expected, csv[..csv.IndexOf('\r')]);
    }

    [Fact]
    public void Csv_Row_FormatsTimesStatusAndBooleans()
    {
        var running = Trial(0, new() { ["use_dropout"] = true }, TrialStatus.Running);
        var completed = Trial(1, new() { ["use_dropout"] = false });

        string csv = Csv([running, completed]);

        string[] lines = csv.Split("\r\n");
        Assert.Equal("0,running,,true,1,2026-01-31T10:00:00.0000000+00:00,,,", lines[1]);
        Assert.Equal("1,completed,1.5,false,1,2026-01-31T10:01:00.0000000+00:00,2026-01-31T10:01:01.5000000+00:00,1.5,", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void Csv_NoTrials_HeaderOnly()
    {
        Assert.Equal("number,status,score,attempts,started_at,ended_at,duration_seconds,error\r\n", Csv([]));
    }

    [Fact]
    public void Json_Values_KeepTheirTypes()
    {
        var trial = Trial(0, new() { ["units"] = 3, ["rate"] = 3.0, ["small"] = 1e-5, ["flag"] = true, ["name"] = "a,\"b\"\n" });

        using var document = Json([trial]);

        var values = document.RootElement[0].GetProperty("values");
        Assert.Equal("3", values.GetProperty("units").GetRawText());
        Assert.Equal("3.0", values.GetProperty("rate").GetRawText());
        Assert.False(values.GetProperty("rate").TryGetInt32(out _));
        Assert.Equal(1e-5, values.GetProperty("small").GetDouble());
        Assert.Equal(JsonValueKind.True, values.GetProperty("flag").ValueKind);
        Assert.Equal("a,\"b\"\n", values.GetProperty("name").GetString());
    }

    [Fact]
    public void Json_NonFiniteNumbers_AreStrings()
    {
        var trial = Trial(0, new() { ["x"] = double.NaN });
        trial.Score = double.PositiveInfinity;
        trial.Metrics = new Dictionary<string, double> { ["val_loss"] = double.NegativeInfinity };
        trial.IntermediateValues = [new IntermediateValue(0, double.NaN)];

        using var document = Json([trial]);

        var root = document.RootElement[0];
        Assert.Equal("NaN", root.GetProperty("values").GetProperty("x").GetString());
        Assert.Equal("Infinity", root.GetProperty("score").GetString());
        Assert.Equal("-Infinity", root.GetProperty("metrics").GetProperty("val_loss").GetString());
        Assert.Equal("NaN", root.GetProperty("intermediate_values")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Json_Trial_ContainsEveryStoredPart()
    {
        var history = new TrainingHistory();
        history.Add(new Dictionary<string, double> { ["loss"] = 0.7 });
        var schedule = new TrialSchedule(9, InitialEpoch: 3, ResumeFromTrialId: "2", Bracket: 1, Round: 2);
        var trial = Trial(4, new() { ["units"] = 64 }, TrialStatus.Pruned, schedule);
        trial.BestStep = 1;
        trial.Checkpoint = "trial_4/model.bin";
        trial.IntermediateValues = [new IntermediateValue(0, 0.25), new IntermediateValue(1, 0.5)];
        trial.Executions = [history];
        trial.Events = [new TrialEvent(Start, "created", "host:1:abc", null), new TrialEvent(Start, "pruned", "host:1:abc", "at step 1")];
        trial.Attributes = new Dictionary<string, string> { ["note"] = "first, \"best\"" };

        using var document = Json([trial]);

        var root = document.RootElement[0];
        Assert.Equal(4, root.GetProperty("number").GetInt32());
        Assert.Equal("pruned", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("score").ValueKind);
        Assert.Equal(1, root.GetProperty("best_step").GetInt32());
        Assert.Equal("trial_4/model.bin", root.GetProperty("checkpoint").GetString());
        Assert.Equal(1.5, root.GetProperty("duration_seconds").GetDouble());
        var exported = root.GetProperty("schedule");
        Assert.Equal(9, exported.GetProperty("epochs").GetInt32());
        Assert.Equal(3, exported.GetProperty("initial_epoch").GetInt32());
        Assert.Equal("2", exported.GetProperty("resume_from_trial_id").GetString());
        Assert.Equal(1, exported.GetProperty("bracket").GetInt32());
        Assert.Equal(2, exported.GetProperty("round").GetInt32());
        Assert.Equal(1, root.GetProperty("intermediate_values")[1].GetProperty("step").GetInt32());
        Assert.Equal(0.5, root.GetProperty("intermediate_values")[1].GetProperty("value").GetDouble());
        Assert.Equal(0.7, root.GetProperty("executions")[0][0].GetProperty("loss").GetDouble());
        Assert.Equal("pruned", root.GetProperty("events")[1].GetProperty("kind").GetString());
        Assert.Equal("at step 1", root.GetProperty("events")[1].GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("events")[0].GetProperty("message").ValueKind);
        Assert.Equal("first, \"best\"", root.GetProperty("attributes").GetProperty("note").GetString());
    }

    [Fact]
    public void WriteCsvFile_ReplacesExistingFile()
    {
        using var folder = new TemporaryDirectory();
        string path = Path.Combine(folder.Path, "out", "trials.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "old contents that are longer than the new file, to catch a partial overwrite");
        var trials = new List<StoredTrial> { Trial(0, new() { ["x"] = 1 }) };

        StudyExport.WriteCsv(trials, path);

        Assert.Equal(Csv(trials), File.ReadAllText(path));
        Assert.Equal(["trials.csv"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void WriteJsonFile_CreatesMissingFolder()
    {
        using var folder = new TemporaryDirectory();
        string path = Path.Combine(folder.Path, "a", "b", "trials.json");

        StudyExport.WriteJson([Trial(0, new() { ["x"] = 1 })], path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(1, document.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task TunerExport_SqliteStudy_MatchesStoredTrials()
    {
        using var folder = new TemporaryDirectory();
        var tuner = ConditionalTuner(folder);
        await tuner.SearchAsync();
        string csvPath = Path.Combine(folder.Path, "trials.csv");

        tuner.ExportCsv(csvPath);

        var stored = folder.StoredTrials();
        var rows = CsvRows(File.ReadAllText(csvPath));
        Assert.Equal(stored.Count, rows.Count);
        for (int i = 0; i < stored.Count; i++)
        {
            Assert.Equal(stored[i].Number.ToString(CultureInfo.InvariantCulture), rows[i]["number"]);
            Assert.Equal(stored[i].ErrorMessage ?? "", rows[i]["error"]);
            string expectedRate = stored[i].Values.TryGetValue("rate", out object? rate) ? ((double)rate).ToString("R", CultureInfo.InvariantCulture) : "";
            Assert.Equal(expectedRate, rows[i]["param_rate"]);
        }

        Assert.Contains(rows, row => row["status"] == "failed" && row["error"].Contains('\n'));
        Assert.Contains(rows, row => row["param_rate"] == "");
        Assert.Contains(rows, row => row["param_rate"] != "");
    }

    [Fact]
    public async Task TunerExport_LeavesStudyUnchanged()
    {
        using var folder = new TemporaryDirectory();
        var tuner = ConditionalTuner(folder);
        await tuner.SearchAsync();
        string before = StudyFilesHash(folder);
        string trialsBefore = JsonText(folder.StoredTrials());

        tuner.ExportCsv(Path.Combine(folder.Path, "trials.csv"));
        tuner.ExportJson(Path.Combine(folder.Path, "trials.json"));

        Assert.Equal(before, StudyFilesHash(folder));
        Assert.Equal(trialsBefore, JsonText(folder.StoredTrials()));
    }

    [Fact]
    public void TunerExport_NoStudy_ThrowsAndCreatesNothing()
    {
        using var folder = new TemporaryDirectory();
        var tuner = ConditionalTuner(folder);

        Assert.Throws<StudyNotFoundException>(() => tuner.ExportJson(Path.Combine(folder.Path, "trials.json")));

        Assert.False(Directory.Exists(tuner.ProjectDirectory));
        Assert.False(File.Exists(Path.Combine(folder.Path, "trials.json")));
    }

    [Fact]
    public async Task TunerExport_InMemoryStorage_ReadsThatStorage()
    {
        using var folder = new TemporaryDirectory();
        using var storage = new InMemoryStudyStorage();
        var tuner = ConditionalTuner(folder, new TunerOptions { Directory = folder.Path, ProjectName = "memory", Storage = storage, MaxConsecutiveFailedTrials = 20 });
        await tuner.SearchAsync();
        string path = Path.Combine(folder.Path, "trials.json");

        tuner.ExportJson(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(storage.ReadTrials("memory").Count, document.RootElement.GetArrayLength());
        Assert.False(File.Exists(Path.Combine(folder.Path, "memory", "study.db")));
    }

    /// <summary>A search over a conditional space in which every third trial fails with a message that needs quoting.</summary>
    private static Tuner<ScoredConfiguration> ConditionalTuner(TemporaryDirectory folder, TunerOptions? options = null)
    {
        var model = new FunctionHyperModel(
            hp =>
            {
                hp.Choice("kind", ["plain", "scaled"]);
                hp.Int("x", 0, 99);
                using (hp.ConditionalScope("kind", "scaled"))
                {
                    hp.Float("rate", 0.1, 0.9);
                }
            },
            hp => hp.Get<int>("x") % 3 == 0
                ? throw new InvalidOperationException($"diverged, \"x\" = {hp.Get<int>("x")}\nsecond line")
                : (double)hp.Get<int>("x"));
        options ??= new TunerOptions { Directory = folder.Path, ProjectName = "study", MaxConsecutiveFailedTrials = 20 };

        return new Tuner<ScoredConfiguration>(model, new RandomSearch(Objective.Minimize("loss"), maxTrials: 12, seed: 3), options);
    }

    private static string JsonText(IReadOnlyList<StoredTrial> trials)
    {
        using var stream = new MemoryStream();
        StudyExport.WriteJson(trials, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A SHA-256 over the study database and its write-ahead log, when there is one.</summary>
    private static string StudyFilesHash(TemporaryDirectory folder)
    {
        var builder = new StringBuilder();
        foreach (string path in Directory.GetFiles(Path.Combine(folder.Path, "study"), "study.db*").Order(StringComparer.Ordinal))
        {
            builder.Append(Path.GetFileName(path)).Append('=').Append(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))).Append(';');
        }

        return builder.ToString();
    }
}

/// <summary>A strict RFC 4180 reader for the tests: CRLF between records, quoted fields with doubled quotes.</summary>
internal static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i = ReadQuoted(text, i + 1, field);
                continue;
            }

            if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.False(text[i] is '"' or '\r' or '\n', $"Unquoted special character at offset {i}.");
                field.Append(text[i]);
                i++;
            }
        }

        Assert.True(field.Length == 0, "The last field does not end with CRLF.");
        Assert.True(record.Count == 0, "The last record does not end with CRLF.");
        return records;
    }

    /// <summary>Reads a quoted field's contents from <paramref name="start"/> and returns the offset after its closing quote.</summary>
    private static int ReadQuoted(string text, int start, StringBuilder field)
    {
        int i = start;
        while (true)
        {
            Assert.True(i < text.Length, "A quoted field is not closed.");
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            field.Append(text[i]);
            i++;
        }
    }
}
