/// One measured figure: its samples, summarised, and how it compares with the
/// plain-SQLite baseline and with its target.
struct Figure: Encodable {
    enum Unit: String, Encodable {
        case eventsPerSecond = "events/s"
        case milliseconds = "ms"
        case bytesPerEvent = "bytes/event"
        case bytes
        case megabytes = "MB"
    }

    var name: String
    var unit: Unit
    /// The headline value: the median of runs, or the p50 of a latency.
    var value: Double
    var min: Double
    var max: Double
    var p99: Double?
    var runs: Int
    /// value ÷ the baseline's value, for figures that have one.
    var ratio: Double?
    var baseline: String?
    var target: Target?

    /// A target, as the issue states it, and whether this run met it.
    struct Target: Encodable {
        var text: String
        var met: Bool
    }

    /// Summarises `samples`: the median for a rate or size, p50 and p99 for a latency.
    init(_ name: String, _ unit: Unit, samples: [Double]) {
        let sorted = samples.sorted()
        self.name = name
        self.unit = unit
        value = Figure.percentile(sorted, 50)
        min = sorted.first ?? 0
        max = sorted.last ?? 0
        p99 = unit == .milliseconds && sorted.count > 1 ? Figure.percentile(sorted, 99) : nil
        runs = sorted.count
    }

    /// The nearest-rank percentile of sorted samples.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }

    func compared(with base: Figure) -> Figure {
        var figure = self
        figure.ratio = base.value == 0 ? nil : value / base.value
        figure.baseline = base.name
        return figure
    }

    /// A target on the ratio (`≥ 0.40×`) or on the value (`p99 ≤ 20 ms`).
    func target(_ text: String, _ met: (Figure) -> Bool) -> Figure {
        var figure = self
        figure.target = Target(text: text, met: met(self))
        return figure
    }
}
