/// What the plot's x axis measures (the `x` key cycles them).
public enum PlotXAxis: String, Sendable, CaseIterable {
    case flops, tokens, steps

    /// The next mode in the `x` key's cycle.
    public var next: PlotXAxis {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The plot title's words for the axis.
    public var title: String {
        switch self {
        case .flops: "compute (FLOPs)"
        case .tokens: "tokens"
        case .steps: "step"
        }
    }
}
