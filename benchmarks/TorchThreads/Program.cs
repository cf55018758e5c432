using System.Diagnostics;
using System.Globalization;
using HyperGen.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

// Trains a 64-256-10 MLP with Adam on random 1437x64 data (the size of the digits training split), batch 32,
// and prints the median seconds per epoch after the first (warm-up) epoch.
if (args.Length is < 2 or > 3 || !int.TryParse(args[0], out int threads) || threads < 1)
{
    Console.Error.WriteLine("usage: TorchThreads <threads (1 or more)> <PASSIVE|ACTIVE|spin> [epochs, default 5]");
    Console.Error.WriteLine("  spin leaves OMP_WAIT_POLICY unset, so libgomp spin-waits between parallel regions.");
    return 2;
}

string? policy = args[1] == "spin" ? null : args[1];
int epochs = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
TorchRuntime.Initialize(new TorchRuntimeOptions { IntraOpThreads = threads, OmpWaitPolicy = policy });

torch.manual_seed(0);
const int rows = 1437;
const int batchSize = 32;
var features = torch.randn(rows, 64);
var labels = torch.randint(0, 10, [rows]);
var model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 10));
var optimizer = optim.Adam(model.parameters(), 1e-3);
var loss = nn.CrossEntropyLoss();

var seconds = new List<double>();
for (int epoch = 0; epoch < epochs; epoch++)
{
    var clock = Stopwatch.StartNew();
    for (long start = 0; start < rows; start += batchSize)
    {
        using var scope = torch.NewDisposeScope();
        var batch = TensorIndex.Slice(start, Math.Min(start + batchSize, rows));
        var value = loss.forward(model.forward(features[batch]), labels[batch]);
        optimizer.zero_grad();
        value.backward();
        optimizer.step();
    }

    seconds.Add(clock.Elapsed.TotalSeconds);
}

var measured = seconds.Skip(1).Order().ToList();
double median = measured.Count == 0 ? seconds[0] : measured[(measured.Count - 1) / 2];
string shownPolicy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset";
Console.WriteLine(FormattableString.Invariant($"threads={torch.get_num_threads()} OMP_WAIT_POLICY={shownPolicy} median={median:F3} s/epoch (epochs: {string.Join(" ", seconds.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))})"));
return 0;
