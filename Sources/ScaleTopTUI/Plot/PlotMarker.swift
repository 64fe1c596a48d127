import ScaleTopCore

/// A mark on a run's curve: where its plateau or divergence began, or where the run is
/// projected to end (at its planned compute, with the projection's 10–90 % band, and the loss
/// expected on the way there).
public struct PlotMarker: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case onset(RunStatus)
        case projectedEnd(range: ClosedRange<Double>?)
    }

    public var kind: Kind
    public var name: String
    public var slot: Int
    public var point: PlotPoint
    /// For a projected end: the expected loss from the run's latest point to `point`.
    public var path: [PlotPoint] = []

    public init(kind: Kind, name: String, slot: Int, point: PlotPoint, path: [PlotPoint] = []) {
        self.kind = kind
        self.name = name
        self.slot = slot
        self.point = point
        self.path = path
    }
}

extension PlotModel {
    /// This model with the diagnostics' marks: an onset for every plateaued or diverged run, or one
    /// that went through a plateau or divergence (at
    /// its curve's point of that step, on whatever x axis is shown), and, on the FLOPs axis, the
    /// projected end of every run still going that has a landing verdict, with its expected path.
    public func marked(sweep: Sweep, rows: [RunRow], onsets: [String: DiagnosticMark], projections: [String: LandingProjection]) -> PlotModel {
        var model = self
        let byName = Dictionary(rows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for (slot, run) in sweep.runs.enumerated() {
            let name = TextSanitizer.clean(run.name)
            let status = byName[name]?.status ?? .running
            // A run that recovered or finished keeps its ✕, in the colour of what it went through.
            if let flagged = byName[name]?.flaggedStatus, let mark = onsets[run.name],
               let point = Self.curvePoint(of: run, atStep: mark.step, loss: mark.loss, axis: xAxis)
            {
                model.markers.append(PlotMarker(kind: .onset(flagged), name: name, slot: slot, point: point))
            }
            if xAxis == .flops, status == .running || status == .plateau || status == .stale,
               let projection = projections[run.name], projection.verdict != nil,
               let x = projection.finalFlops, let loss = projection.projectedLoss, x > 0, loss > 0
            {
                // The 10–90 % band; a projection without one shows its ±1σ range.
                var range: ClosedRange<Double>?
                if let (low, high) = projection.projectedBand, low > 0, low <= high {
                    range = low...high
                } else if let low = projection.projectedLow, let high = projection.projectedHigh, low > 0, low <= high {
                    range = low...high
                }
                let path = projection.path.filter { $0.x > 0 && $0.loss > 0 && $0.x.isFinite && $0.loss.isFinite }
                    .map { PlotPoint(x: $0.x, loss: $0.loss) }
                model.markers.append(PlotMarker(kind: .projectedEnd(range: range), name: name, slot: slot,
                                                point: PlotPoint(x: x, loss: loss), path: path))
            }
        }
        return model
    }

    /// The run's point nearest `step` (its curve may be thinned), at `loss`, on `axis`.
    static func curvePoint(of run: Run, atStep step: Double, loss: Double, axis: PlotXAxis) -> PlotPoint? {
        let curve = run.curve
        var best: LogPoint?
        var distance = Double.infinity
        for k in 0..<curve.count {
            let point = curve[k]
            guard point.step.isFinite else { continue }
            let d = abs(point.step - step)
            if d < distance {
                distance = d
                best = point
            }
        }
        guard let best, let x = xValue(best, of: run, axis: axis), x > 0, x.isFinite, loss > 0, loss.isFinite else { return nil }
        return PlotPoint(x: x, loss: loss)
    }
}
