import Foundation
import ScaleTopCore

/// What the line under the plot says about the point under the cursor: the run, the point's
/// step, tokens, FLOPs and loss as logged, the envelope fit's loss at its compute and how far
/// the run is from it, and with two runs pinned, their loss ratio at the cursor's x.
public struct CursorReadout: Sendable, Equatable {
    public var run: String
    public var slot: Int
    public var step: Double?
    public var tokens: Double?
    public var flops: Double?
    public var loss: Double
    /// The smoothed loss there, when smoothing is on.
    public var smoothedLoss: Double?
    /// The learning rate logged with the point (nil: none logged or not stored).
    public var learningRate: Double?
    /// The envelope fit's L at the point's FLOPs.
    public var fitLoss: Double?
    /// Two pinned runs' names and the first's loss over the second's at the cursor's x (nil when
    /// either has no points there).
    public var pinnedRatio: (first: String, second: String, ratio: Double?)?

    public static func == (a: CursorReadout, b: CursorReadout) -> Bool {
        a.run == b.run && a.slot == b.slot && same(a.step, b.step) && same(a.tokens, b.tokens) && same(a.flops, b.flops)
            && a.loss == b.loss && same(a.smoothedLoss, b.smoothedLoss) && same(a.learningRate, b.learningRate)
            && same(a.fitLoss, b.fitLoss) && a.pinnedRatio?.first == b.pinnedRatio?.first
            && a.pinnedRatio?.second == b.pinnedRatio?.second && same(a.pinnedRatio?.ratio, b.pinnedRatio?.ratio)
    }

    private static func same(_ a: Double?, _ b: Double?) -> Bool { a == b || (a?.isNaN == true && b?.isNaN == true) }

    /// The run's distance from the fit in percent of the fit's loss (positive: above the line).
    public var distancePercent: Double? {
        guard let fitLoss, fitLoss > 0 else { return nil }
        return (loss / fitLoss - 1) * 100
    }

    /// The readout of `state`'s cursor, read from the sweep the content was made from: the
    /// logged point whose x the cursor sits on. Nil without a cursor or when its run is gone.
    public static func make(sweep: Sweep, content: DashboardContent, state: DashboardState) -> CursorReadout? {
        guard let cursor = state.cursor, let (series, index) = content.plot.locate(cursor), series.slot < sweep.runs.count else { return nil }
        let run = sweep.runs[series.slot]
        let plotted = series.points[index]
        let axis = content.plot.xAxis
        let curve = content.plot.lossKey.flatMap { run.series(forKey: $0)?.curve } ?? run.curve
        let logged = loggedPoint(in: curve, of: run, atX: plotted.x, axis: axis)
        var readout = CursorReadout(
            run: series.name, slot: series.slot,
            step: logged.flatMap { $0.step.isFinite ? $0.step : nil },
            tokens: logged.flatMap { run.tokens(of: $0) }, flops: logged.flatMap { run.flops(of: $0) },
            loss: plotted.loss,
            learningRate: logged.flatMap { $0.step.isFinite ? run.learningRate(atStep: $0.step) : nil })
        if state.smoothing != .off {
            let smoothed = series.smoothing.values(for: series.logPoints, reach: state.smoothing.decades)
            if index < smoothed.count, smoothed[index].isFinite { readout.smoothedLoss = pow(10, smoothed[index]) }
        }
        if let fit = content.plot.fit, let flops = readout.flops, flops > 0 { readout.fitLoss = fit.loss(at: flops) }
        readout.pinnedRatio = pinnedRatio(content.plot, pinned: state.pinnedRuns, atX: plotted.x)
        return readout
    }

    /// The first and second pinned run (by name) and their loss ratio at `x`.
    static func pinnedRatio(_ plot: PlotModel, pinned: Set<String>, atX x: Double) -> (first: String, second: String, ratio: Double?)? {
        guard pinned.count == 2 else { return nil }
        let names = pinned.sorted()
        let series = names.map { name in plot.series.first { $0.name == name } }
        let losses = series.map { $0?.loss(atX: x) }
        var ratio: Double?
        if let a = losses[0], let b = losses[1], b > 0 { ratio = a / b }
        return (names[0], names[1], ratio)
    }

    /// The logged point of `curve` whose x on `axis` is `x` (the plotted points are logged
    /// ones), found by bisection as x grows along a run; the nearest one otherwise.
    static func loggedPoint(in curve: CurveStore, of run: Run, atX x: Double, axis: PlotXAxis) -> LogPoint? {
        guard !curve.isEmpty else { return nil }
        func value(_ k: Int) -> Double? { PlotModel.xValue(curve[k], of: run, axis: axis) }
        var lo = 0, hi = curve.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if let v = value(mid), v < x { lo = mid + 1 } else { hi = mid }
        }
        for k in [lo, lo - 1, lo + 1] where k >= 0 && k < curve.count {
            if value(k) == x, curve[k].hasUsableLoss { return curve[k] }
        }
        // Out of order x or a missing value: look at every point.
        var best: (k: Int, d: Double)?
        for k in 0..<curve.count where curve[k].hasUsableLoss {
            guard let v = value(k) else { continue }
            let d = abs(v - x)
            if best == nil || d < best!.d { best = (k, d) }
        }
        return best.map { curve[$0.k] }
    }

    /// The readout's pieces, each with what it says: the run first, then the numbers. The
    /// view fits whole pieces into the line, dropping from the least needed (`priority` high).
    func pieces() -> [(text: String, role: ThemeRole, priority: Int)] {
        var parts: [(String, ThemeRole, Int)] = [(run, .title, 0)]
        if let step { parts.append(("step \(step == step.rounded() && step < 1e9 ? String(Int(step)) : NumberText.short(step))", .mainForeground, 3)) }
        if let tokens { parts.append(("tokens \(LogAxis.threeDigitLabel(tokens))", .mainForeground, 4)) }
        if let flops { parts.append(("FLOPs \(LogAxis.threeDigitLabel(flops))", .mainForeground, 2)) }
        var lossText = "loss \(NumberText.fixed(loss, digits: loss < 10 ? 3 : 2))"
        if let smoothedLoss { lossText += " (smoothed \(NumberText.fixed(smoothedLoss, digits: smoothedLoss < 10 ? 3 : 2)))" }
        parts.append((lossText, .mainForeground, 0))
        if let learningRate { parts.append(("lr \(NumberText.short(learningRate))", .mainForeground, 5)) }
        if let fitLoss, let distance = distancePercent {
            let sign = distance >= 0 ? "+" : "−"
            parts.append(("fit \(NumberText.fixed(fitLoss, digits: 3)) (\(sign)\(NumberText.fixed(abs(distance), digits: 1)) %)", .fit, 1))
        }
        if let pinned = pinnedRatio {
            let ratio = pinned.ratio.map { NumberText.fixed($0, digits: 3) } ?? "n/a"
            func short(_ name: String) -> String { name.count <= 12 ? name : String(name.prefix(11)) + "…" }
            parts.append(("\(short(pinned.first))/\(short(pinned.second)) \(ratio)", .target, 1))
        }
        return parts
    }
}
