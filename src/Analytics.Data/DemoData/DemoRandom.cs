namespace Analytics.Data.DemoData;

/// <summary>
/// A seeded generator with the draws the demo city needs. Every county and every table gets its own stream
/// (<see cref="For"/>), so changing how one table is generated never shifts the rows of another.
/// </summary>
/// <remarks>
/// <see cref="Random(int)"/> with a seed runs the same algorithm on every platform and .NET version, which is what
/// makes the demo city reproducible. Nothing here may read the clock, <see cref="Guid.NewGuid"/> or
/// <see cref="HashCode"/> (randomised per process).
/// </remarks>
internal sealed class DemoRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The stream for one purpose (e.g. county 350481, "cases") under the city seed.</summary>
    public static DemoRandom For(int seed, string scope, string purpose) => new(SubSeed(seed, scope, purpose));

    /// <summary>FNV-1a over the seed and the names: stable across processes, unlike <c>string.GetHashCode</c>.</summary>
    public static int SubSeed(int seed, params string[] parts)
    {
        const uint prime = 16777619;
        var hash = 2166136261;
        for (var i = 0; i < 4; i++)
        {
            hash = (hash ^ (byte)(seed >> (8 * i))) * prime;
        }

        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ (byte)c) * prime;
                hash = (hash ^ (byte)(c >> 8)) * prime;
            }

            hash = (hash ^ 0xFF) * prime;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    /// <summary>0 ≤ result &lt; <paramref name="maxExclusive"/>.</summary>
    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>min ≤ result ≤ max.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public double NextDouble() => _random.NextDouble();

    public double Uniform(double min, double max) => min + (max - min) * _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Standard normal by Box–Muller (one value per call keeps the stream simple to reason about).</summary>
    public double Normal(double mean, double standardDeviation)
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return mean + standardDeviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median: right-skewed sizes, incomes and durations.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(Normal(0, sigma));

    /// <summary>A day between the two dates, both included.</summary>
    public DateOnly Date(DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(_random.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>An index drawn with the given relative weights.</summary>
    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var x = _random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// True for exactly <paramref name="selected"/> of the indexes 0..<paramref name="count"/>-1, spread evenly:
    /// published counts are hit exactly without keeping a shuffled list of a whole table in memory.
    /// </summary>
    public static bool Stratified(long index, long count, long selected) =>
        count > 0 && (index + 1) * selected / count > index * selected / count;
}

/// <summary>Draws items by weight in O(log n), for the large pools (villages by households, organizations).</summary>
internal sealed class WeightedPool<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedPool(IEnumerable<T> items, Func<T, double> weight)
        : this(items.Select(i => (i, weight(i))))
    {
    }

    public WeightedPool(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.ToList();
        _items = new T[list.Count];
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            _items[i] = list[i].Item;
            total += Math.Max(0, list[i].Weight);
            _cumulative[i] = total;
        }
    }

    public T Draw(DemoRandom random)
    {
        if (_items.Length == 0)
        {
            throw new InvalidOperationException("Cannot draw from an empty pool.");
        }

        var x = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        index = index < 0 ? ~index : index + 1;
        return _items[Math.Min(index, _items.Length - 1)];
    }
}
