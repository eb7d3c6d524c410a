using CityWarmth.Knowledge.Text;

namespace CityWarmth.Skills.Routing;

/// <summary>
/// A multinomial logistic regression over <see cref="IntentFeatures"/>, trained at start-up on the labelled example
/// utterances (a few hundred lines, milliseconds). Small, deterministic and dependency-free; its probabilities
/// give the router a confidence and a margin between the two best intents.
/// </summary>
public sealed class IntentClassifier
{
    private const int Epochs = 300;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-4;
    private const int MaxCachedPredictions = 4096;

    private readonly IntentFeatures _features;
    private readonly string[] _labels;
    private readonly Dictionary<string, int> _featureIndex = new(StringComparer.Ordinal);
    private readonly double[][] _weights;   // [label][feature]; the last feature is the bias
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
            vectors.Add((label, Vectorise(TextNormalizer.ForMatching(example.Text), grow: true)));
        }
        if (labels.Count < 2)
        {
            throw new InvalidOperationException("The intent classifier needs examples of at least two intents.");
        }

        _labels = [.. labels];
        _bias = _featureIndex.Count;
        _weights = [.. _labels.Select(_ => new double[_bias + 1])];
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
        var vector = Vectorise(matchingText, grow: false);
        var known = vector.Length - 1;   // without the bias
        var probabilities = Softmax(vector);
        var ranked = _labels.Select((label, i) => new IntentScore(label, probabilities[i]))
            .OrderByDescending(s => s.Probability)
            .ToArray();
        return new IntentPrediction(ranked, known);
    }

    private (int Index, double Value)[] Vectorise(string matchingText, bool grow)
    {
        var indices = new List<int>();
        foreach (var feature in _features.Extract(matchingText))
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
        // Unit length, so that long messages do not get more confident just by being long.
        var value = indices.Count == 0 ? 0 : 1 / Math.Sqrt(indices.Count);
        return [.. indices.Select(i => (i, value)), (grow ? -1 : _bias, 1.0)];
    }

    private void Train(List<(int Label, (int Index, double Value)[] Vector)> data)
    {
        // The bias index is only known once every feature is indexed.
        foreach (var (_, vector) in data)
        {
            vector[^1] = (_bias, 1.0);
        }

        var gradient = _labels.Select(_ => new double[_bias + 1]).ToArray();
        var squared = _labels.Select(_ => new double[_bias + 1]).ToArray();   // AdaGrad accumulators
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var g in gradient)
            {
                Array.Clear(g);
            }
            foreach (var (label, vector) in data)
            {
                var p = Softmax(vector);
                for (var k = 0; k < _labels.Length; k++)
                {
                    var error = p[k] - (k == label ? 1 : 0);
                    foreach (var (index, value) in vector)
                    {
                        gradient[k][index] += error * value;
                    }
                }
            }
            for (var k = 0; k < _labels.Length; k++)
            {
                for (var j = 0; j <= _bias; j++)
                {
                    var g = gradient[k][j] / data.Count + (j == _bias ? 0 : L2 * _weights[k][j]);
                    squared[k][j] += g * g;
                    _weights[k][j] -= LearningRate * g / (Math.Sqrt(squared[k][j]) + 1e-8);
                }
            }
        }
    }

    private double[] Softmax((int Index, double Value)[] vector)
    {
        var scores = new double[_labels.Length];
        for (var k = 0; k < _labels.Length; k++)
        {
            foreach (var (index, value) in vector)
            {
                scores[k] += _weights[k][index] * value;
            }
        }
        var max = scores.Max();
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
        return scores;
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
}
