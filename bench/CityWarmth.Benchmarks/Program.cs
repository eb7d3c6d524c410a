using CityWarmth.Benchmarks;

// dotnet run -c Release --project bench/CityWarmth.Benchmarks -- index [pages] [questions]
// dotnet run -c Release --project bench/CityWarmth.Benchmarks -- load <url> [conversations] [connections] [bot pid]
// dotnet run -c Release --project bench/CityWarmth.Benchmarks -- page <url> [runs]
return args.FirstOrDefault() switch
{
    "index" => IndexBenchmark.Run(
        pages: args.Length > 1 ? int.Parse(args[1]) : 1000,
        questions: args.Length > 2 ? int.Parse(args[2]) : 400),
    "load" when args.Length > 1 => await LoadBenchmark.RunAsync(
        new Uri(args[1]),
        conversations: args.Length > 2 ? int.Parse(args[2]) : 10_000,
        connections: args.Length > 3 ? int.Parse(args[3]) : 32,
        botPid: args.Length > 4 ? int.Parse(args[4]) : null),
    "page" when args.Length > 1 => await PageBenchmark.RunAsync(new Uri(args[1]), runs: args.Length > 2 ? int.Parse(args[2]) : 3),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: index [pages] [questions] | load <url> [conversations] [connections] [bot pid] | page <url> [runs]");
    return 2;
}
