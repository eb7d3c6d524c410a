using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// A multinomial logistic regression over <see cref="IntentFeatures"/> (character n-grams, words and cues), trained
/// at start-up on the labelled example utterances (about four thousand lines, a second or two in the background).
/// Small, deterministic and dependency-free; its probabilities give the router a confidence and a margin between
/// the two best intents. The settings below were chosen by cross-validation on the training examples; averaging in a
/// naive Bayes model over the same features gained too little there to be worth a second model.
/// </summary>
public sealed class IntentClassifier
{
    private const int Epochs = 100;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-5;
    private const int MaxCachedPredictions = 4096;
    private const double CueWeight = 0.5;

    private readonly IntentFeatures _features;
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _featureIndex = new(StringComparer.Ordinal);
    private readonly double[] _weights;   // [feature * labels + label]; the last feature is the bias
    private readonly int _bias;

    // Workers ask the same few questions again and again; segmenting the text is most of a classification's cost.
    // The weights never change after training, so a prediction for the same matching text stays valid.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IntentPrediction> _predictions = new(StringComparer.Ordinal);

    public IntentClassifier(IntentFeatures features, IEnumerable<IntentExample> examples)
    {
        _features = features;
        var vectors = new List<(int Label, (int Index, double Value)[] Vector)>();
        var labels = new List<string>();
        foreach (var example in examples)
        {
            var label = labels.IndexOf(example.Intent);
            if (label < 0)
            {
                labels.Add(example.Intent);
                label = labels.Count - 1;
            }
            vectors.Add((label, Vectorise(_features.Extract(TextNormalizer.ForMatching(example.Text)), grow: true)));
        }
        if (labels.Count < 2)
        {
            throw new InvalidOperationException("The intent classifier needs examples of at least two intents.");
        }

        _labels = [.. labels];
        _bias = _featureIndex.Count;
        _weights = new double[(_bias + 1) * _labels.Length];
        Train(vectors);
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Classifies a message; the text may be raw (it is brought to its matching form here).</summary>
    public IntentPrediction Classify(string text) => ClassifyMatching(TextNormalizer.ForMatching(text));

    /// <summary>
    /// Classifies a message already in its matching form (<see cref="TextNormalizer.ForMatching"/>), as the router has
    /// it: normalising twice costs a turn the traditional-to-simplified pass again, and is not always a no-op (a
    /// repaired defect can look like another).
    /// </summary>
    public IntentPrediction ClassifyMatching(string matching)
    {
        if (_predictions.TryGetValue(matching, out var cached))
        {
            return cached;
        }
        var prediction = Predict(matching);
        if (_predictions.Count >= MaxCachedPredictions)
        {
            _predictions.Clear();
        }
        _predictions.TryAdd(matching, prediction);
        return prediction;
    }

    private IntentPrediction Predict(string matchingText)
    {
        var features = _features.Extract(matchingText);
        var vector = Vectorise(features, grow: false);
        var known = vector.Length - 1;   // without the bias
        var probabilities = new double[_labels.Length];
        Softmax(vector, probabilities);
        var ranked = _labels.Select((label, i) => new IntentScore(label, probabilities[i]))
            .OrderByDescending(s => s.Probability)
            .ToArray();
        return new IntentPrediction(ranked, known) { Cues = features.Cues };
    }

    private (int Index, double Value)[] Vectorise(IntentFeatureSet features, bool grow)
    {
        var vector = new List<(int, double)>(features.Lexical.Count + features.Cues.Count + 1);
        // Lexical features at unit length together, so that long messages do not get more confident just by being
        // long; each cue at a fixed weight, so that it counts as much in a long message as in a short one.
        var lexical = Indices(features.Lexical.Select(f => f), grow);
        var value = lexical.Count == 0 ? 0 : 1 / Math.Sqrt(lexical.Count);
        vector.AddRange(lexical.Select(i => (i, value)));
        vector.AddRange(Indices(features.Cues.Select(c => "k:" + c), grow).Select(i => (i, CueWeight)));
        vector.Add((grow ? -1 : _bias, 1.0));
        return [.. vector];
    }

    private List<int> Indices(IEnumerable<string> features, bool grow)
    {
        var indices = new List<int>();
        foreach (var feature in features)
        {
            if (_featureIndex.TryGetValue(feature, out var index))
            {
                indices.Add(index);
            }
            else if (grow)
            {
                _featureIndex[feature] = _featureIndex.Count;
                indices.Add(_featureIndex.Count - 1);
            }
        }
        return indices;
    }

    private void Train(List<(int Label, (int Index, double Value)[] Vector)> data)
    {
        // The bias index is only known once every feature is indexed.
        foreach (var (_, vector) in data)
        {
            vector[^1] = (_bias, 1.0);
        }

        // Full-batch AdaGrad on flat arrays (feature-major, so one example's features touch neighbouring memory):
        // a few thousand examples train in about a second.
        var gradient = new double[_weights.Length];
        var squared = new double[_weights.Length];   // AdaGrad accumulators
        var scores = new double[_labels.Length];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            Array.Clear(gradient);
            foreach (var (label, vector) in data)
            {
                Softmax(vector, scores);
                scores[label] -= 1;   // the error of each label's probability
                foreach (var (index, value) in vector)
                {
                    var row = index * _labels.Length;
                    for (var k = 0; k < scores.Length; k++)
                    {
                        gradient[row + k] += scores[k] * value;
                    }
                }
            }
            var biasRow = _bias * _labels.Length;
            for (var j = 0; j < _weights.Length; j++)
            {
                var g = gradient[j] / data.Count + (j >= biasRow ? 0 : L2 * _weights[j]);
                squared[j] += g * g;
                _weights[j] -= LearningRate * g / (Math.Sqrt(squared[j]) + 1e-8);
            }
        }
    }

    /// <summary>The labels' probabilities for a feature vector, written into <paramref name="scores"/>.</summary>
    private void Softmax((int Index, double Value)[] vector, double[] scores)
    {
        Array.Clear(scores);
        foreach (var (index, value) in vector)
        {
            var row = index * scores.Length;
            for (var k = 0; k < scores.Length; k++)
            {
                scores[k] += _weights[row + k] * value;
            }
        }
        var max = double.NegativeInfinity;
        foreach (var score in scores)
        {
            max = Math.Max(max, score);
        }
        var sum = 0.0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] /= sum;
        }
    }
}

/// <summary>One labelled example utterance.</summary>
public sealed record IntentExample(string Intent, string Text);

public sealed record IntentScore(string Intent, double Probability);

/// <summary>The intents ranked by probability, and how many of the message's features the classifier knew.</summary>
public sealed record IntentPrediction(IReadOnlyList<IntentScore> Ranked, int KnownFeatures)
{
    public string Intent => Ranked[0].Intent;

    public double Confidence => Ranked[0].Probability;

    /// <summary>The gap between the best and the second-best intent.</summary>
    public double Margin => Ranked.Count > 1 ? Ranked[0].Probability - Ranked[1].Probability : Ranked[0].Probability;

    /// <summary>The cues read from the message (<see cref="MessageCues"/>); the router's rules use them too.</summary>
    public IReadOnlySet<string> Cues { get; init; } = new HashSet<string>();

    /// <summary>The probability of one intent (0 when the classifier does not know it).</summary>
    public double ProbabilityOf(string intent) => Ranked.FirstOrDefault(s => s.Intent == intent)?.Probability ?? 0;
}
