import Foundation
import ScaleTopCore
import ScaleTopSimulation
import ScaleTopTUI

/// Frame time of the live view: a full 120×40 render of 200 runs × 600 points, the bytes a
/// one-cell change costs through the diff, the cost of a new point to the compute envelope as
/// the frontier grows, and the diagnosis of the standard simulated sweep's runs (8192 points
/// each). Targets: a full redraw under 5 ms; an envelope update O(log n) amortized;
/// the diagnosis of a run well under 1 ms.
struct RenderBenchmark {
    var repeats = 20


    func content() -> DashboardContent {
        var series: [PlotSeries] = []
        var rows: [RunRow] = []
        for run in 0..<200 {
            let n = 1e7 * pow(1.03, Double(run))
            let points = (1...600).map { k -> PlotPoint in
                let tokens = 1e7 * Double(k)
                return PlotPoint(x: 6 * n * tokens, loss: 1.8 + 400 / pow(n, 0.34) + 400 / pow(tokens, 0.28))
            }
            series.append(PlotSeries(name: "run-\(run)", slot: run, points: points))
            rows.append(RunRow(slot: run, name: "run-\(run)", params: n, tokens: 6e9, plannedTokens: 6e9, lastLoss: points.last!.loss, bestLoss: points.last!.loss, status: .finished))
        }
        let envelope = series.map { $0.points.last! }.sorted { $0.x < $1.x }
        let plot = PlotModel(xAxis: .flops, series: series, envelope: envelope,
                             fit: PlotFitCurve(E: 1.8, logA: 3, alpha: 0.15, fittedRange: 1e17...1e21),
                             target: PlotTarget(x: 1e23, predictedLoss: 2.2, band: 2.1...2.3))
        return DashboardContent(plot: plot, isoflop: IsoFLOPPlotModel(budgets: []), rows: rows, summary: DashboardSummary())
    }

    func run() {
        let content = content()
        let view = DashboardView()
        var frame = view.render(content, state: DashboardState(), width: 120, height: 40)
        let best = fastestTime(of: repeats) { frame = view.render(content, state: DashboardState(), width: 120, height: 40) }
        var moved = DashboardState()
        moved.selectedRun = "run-3"
        let next = view.render(content, state: moved, width: 120, height: 40)
        let changed = next.diff(from: frame).reduce(0) { $0 + $1.cells.count }
        print("render: 120x40, 200 runs x 600 points, best of \(repeats)")
        print(String(format: "  full frame %8.2f ms   (target < 5 ms)", best * 1e3))
        print("  selecting another run changes \(changed) of \(120 * 40) cells")
        inspection(content, view: view)

        // The first frame after the points change, with the series made again as a content
        // rebuild makes them: every run's points new (log scales all computed), or one run one
        // point longer (the others' log scales taken from the content before).
        func rebuilt(_ grow: (PlotSeries) -> [PlotPoint], reusing: Bool) -> Double {
            var best = Double.infinity
            for _ in 0..<max(1, repeats / 4) {
                let start = MonotonicClock.now()
                var fresh = content
                fresh.plot.series = content.plot.series.map { PlotSeries(name: $0.name, slot: $0.slot, points: grow($0), reusing: reusing ? $0 : nil) }
                _ = view.render(fresh, state: DashboardState(), width: 120, height: 40)
                best = min(best, MonotonicClock.now() - start)
            }
            return best
        }
        let allNew = rebuilt({ $0.points }, reusing: false)
        let oneGrew = rebuilt({ $0.slot == 0 ? $0.points + [PlotPoint(x: $0.points.last!.x * 1.001, loss: $0.points.last!.loss)] : $0.points }, reusing: true)
        print(String(format: "  series made again + frame    %6.2f ms with every run's points new, %.2f ms with one run a point longer", allNew * 1e3, oneGrew * 1e3))

        // Bytes to the terminal: a full frame onto a cleared screen, and an idle frame in which
        // only the header's age label ticks (the live view redraws just the header row).
        var ticking = content
        ticking.summary.secondsSinceUpdate = 8
        let before = view.render(ticking, state: DashboardState(), width: 120, height: 40)
        ticking.summary.secondsSinceUpdate = 9
        var after = before
        view.refreshHeader(ticking, state: DashboardState(), in: &after)
        let fullBytes = ANSIFrameBytes.count(before.diff(from: CellGrid(width: 120, height: 40)))
        let tickBytes = ANSIFrameBytes.count(after.diff(from: before))
        print("  bytes to the terminal (ANSI estimate): full frame \(fullBytes), idle frame with the age label ticking \(tickBytes)   (target < 200)")

        envelopeUpdates()

        let reader = Self.readSimulated(.standard(seed: 1, pointsPerRun: 8192), tag: "render")
        var diagnoseBest = Double.infinity
        for _ in 0..<3 {
            var diagnostics = SweepDiagnostics()
            let start = MonotonicClock.now()
            _ = diagnostics.diagnose(reader.sweep, fit: nil, now: nil)
            diagnoseBest = min(diagnoseBest, MonotonicClock.now() - start)
        }
        // The same without the first look's replay of each run's history (episodes it went through).
        var plainBest = Double.infinity
        var replayBest = Double.infinity
        for _ in 0..<3 {
            var start = MonotonicClock.now()
            for run in reader.sweep.runs { _ = RunDiagnostics.diagnose(run) }
            plainBest = min(plainBest, MonotonicClock.now() - start)
            start = MonotonicClock.now()
            for run in reader.sweep.runs { _ = RunEpisodes.replay(CurveSeries(run: run), context: RunDiagnosticsContext(), options: DiagnosticsOptions()) }
            replayBest = min(replayBest, MonotonicClock.now() - start)
        }
        let runs = reader.sweep.runs.count
        landingCost()
        scheduledPlateauCost()
        print(String(format: "  diagnosis of %d runs of ~8192 points, first look: %.2f ms (%.3f ms a run); of which the replay of their history %.2f ms; a later look at a run: %.3f ms",
                     runs, diagnoseBest * 1e3, diagnoseBest * 1e3 / Double(max(1, runs)), replayBest * 1e3, plainBest * 1e3 / Double(max(1, runs))))
    }

    /// The braille plot alone (frame, axes, every curve on the canvas, the canvas to cells), and
    /// a key or mouse event of the inspection tools from its arrival to its frame: the event
    /// handled (the cursor's step and the zoom measure the plot's frame) and the screen drawn.
    func inspection(_ content: DashboardContent, view: DashboardView) {
        let rect = Rect(x: 0, y: 1, width: 120, height: 24)
        func best(_ body: () -> Void) -> Double { fastestTime(of: repeats, body) }
        var grid = CellGrid(width: 120, height: 40)
        let plot = best { PlotView(theme: view.theme, glyphs: view.glyphs).draw(content.plot, options: PlotDrawOptions(), into: &grid, rect: rect) }
        var smoothedOptions = PlotDrawOptions()
        smoothedOptions.smoothing = .heavy
        let smoothed = best { PlotView(theme: view.theme, glyphs: view.glyphs).draw(content.plot, options: smoothedOptions, into: &grid, rect: rect) }
        print(String(format: "  braille plot alone (120x24 cells of 200 runs): %.2f ms; smoothed heavy %.2f ms", plot * 1e3, smoothed * 1e3))

        var state = DashboardState()
        state.selectedRun = "run-100"
        state = content.handle(.tab, state: state)
        var focused = content
        let key = best {
            let next = focused.handle(.left, state: state)
            focused.readout = nil
            _ = view.render(focused, state: next, width: 120, height: 40)
        }
        let wheel = best {
            let next = content.handle(.mouse(MouseEvent(button: .wheelUp, action: .press, position: CellPosition(x: 60, y: 12))), state: state)
            _ = view.render(content, state: next, width: 120, height: 40)
        }
        let click = best {
            let next = content.handle(.mouse(MouseEvent(button: .left, action: .press, position: CellPosition(x: 60, y: 12))), state: state)
            _ = view.render(content, state: next, width: 120, height: 40)
        }
        print(String(format: "  event to frame, 120x40, 200 runs: cursor key %.2f ms, wheel zoom %.2f ms, click (nearest of 120,000 points) %.2f ms   (target < 16 ms)",
                     key * 1e3, wheel * 1e3, click * 1e3))
    }

    /// What judging a flat stretch against the run's schedule costs when the sweep has no law to
    /// lend (no finished runs): the run's own annealing law is fitted for each of the plateau
    /// rule's windows. Every tenth of 40 simulated runs (constant, cosine, two-stage, WSD; 1000
    /// points, declared), diagnosed with and without its schedule; the difference, over the
    /// prefixes the plain rule calls a plateau, is the check's cost per finding.
    func scheduledPlateauCost() {
        let reader = Self.readSimulated(.standard(runCount: 40, seed: 5, pointsPerRun: 1000), tag: "plateau-schedule")
        let sweep = reader.sweep
        let prefixes = sweep.runs.flatMap { run in
            let series = CurveSeries(run: run)
            return (1...10).map { (series.prefix(series.count * $0 / 10), sweep.schedule(for: run), run.meta.params) }
        }
        func diagnoseAll(withSchedule: Bool) -> (seconds: Double, plateaus: Int) {
            var best = Double.infinity, plateaus = 0
            for _ in 0..<3 {
                plateaus = 0
                let start = MonotonicClock.now()
                for (series, schedule, params) in prefixes {
                    var context = RunDiagnosticsContext()
                    if withSchedule {
                        context.schedule = schedule
                        context.params = params
                    }
                    if RunDiagnostics.diagnose(series, context: context, projecting: false).verdict.status == .plateau { plateaus += 1 }
                }
                best = min(best, MonotonicClock.now() - start)
            }
            return (best, plateaus)
        }
        let with = diagnoseAll(withSchedule: true), without = diagnoseAll(withSchedule: false)
        let scheduled = prefixes.filter { if case .success? = $0.1 { true } else { false } }.count
        print(String(format: "  plateau judged against the schedule, no sweep law: %d prefixes (%d with a schedule), %d called plateau by the plain rule, %d with the schedule; all diagnosed %.2f ms with schedules, %.2f ms without: %.2f ms per finding checked",
                     prefixes.count, scheduled, without.plateaus, with.plateaus, with.seconds * 1e3, without.seconds * 1e3,
                     without.plateaus > 0 ? (with.seconds - without.seconds) * 1e3 / Double(without.plateaus) : 0))
    }

    /// What the sweep-informed landing projection costs: building the model from the finished
    /// runs (each declared a cosine schedule, so the annealing law is fitted too), and every run
    /// projected from 40 % of its points, with the model and without it (the difference is the
    /// projection's own cost).
    func landingCost() {
        let reader = Self.readSimulated(.standard(runCount: 200, seed: 2, pointsPerRun: 2000, schedules: [.cosine]), tag: "landing")
        var sweep = reader.sweep
        for run in sweep.runs {
            // The peak each run logs (the simulator's shrink with size), as its trainer would declare it.
            guard let steps = run.meta.totalSteps, let peak = run.learningRates?.peak, peak > 0 else { continue }
            let declaration: [String: Any] = ["lr_scheduler_type": "cosine_with_min_lr", "total_steps": steps, "peak_lr": peak, "min_lr": 0.1 * peak, "warmup_steps": 0.02 * steps]
            if let outcome = ScheduleDeclaration.parse(declaration) { sweep.setSchedule(outcome, forRun: run.name) }
        }
        var analyzer = SweepAnalyzer()
        analyzer.options.bandResamples = 0
        let analysis = analyzer.analyze(sweep)
        let law = analysis.parametric
        var buildBest = Double.infinity
        var model = SweepLandingModel()
        for _ in 0..<3 {
            let start = MonotonicClock.now()
            model = SweepLandingModel.build(sweep, law: law)
            buildBest = min(buildBest, MonotonicClock.now() - start)
        }
        let prefixes = sweep.runs.map { run in
            let series = CurveSeries(run: run)
            return (series.prefix(series.count * 2 / 5), run)
        }
        func projectAll(informed: Bool) -> Double {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = MonotonicClock.now()
                for (series, run) in prefixes {
                    // With the envelope fit, as in the live view: without one nothing is projected.
                    var context = RunDiagnosticsContext(envelopeFit: analysis.envelopeFit)
                    if informed {
                        context.landing = model
                        context.params = run.meta.params
                        context.schedule = sweep.schedule(for: run)
                    }
                    _ = RunDiagnostics.diagnose(series, context: context, projecting: true)
                }
                best = min(best, MonotonicClock.now() - start)
            }
            return best
        }
        let informed = projectAll(informed: true), plain = projectAll(informed: false)
        print(String(format: "  landing (200 runs x 2000 points): model from the finished runs %.2f ms (annealing law %@); %d runs diagnosed from 40 %% with it %.2f ms, without %.2f ms: their projections %.2f ms (target < 50 ms)",
                     buildBest * 1e3, model.annealing == nil ? "not fitted" : "fitted", prefixes.count,
                     informed * 1e3, plain * 1e3, (informed - plain) * 1e3))
        for declared in [true, false] { warmReprojection(sweep, declared: declared) }
    }

    /// The live case: the 200 finished runs and 200 running copies of them at 40 % of their
    /// points (`lr` logged on every line, the schedule declared or not), analysed and diagnosed
    /// once as the live view does (the landing model built by the analysis worker,
    /// `LandingModelBuilder`; the diagnoses by the diagnosis worker, `DiagnosisWorker`),
    /// then a new point on every running run: the analysis worker's model update and the
    /// diagnosis worker's re-projection of the 200 (submit to result, wall and the worker's CPU),
    /// beside what the loop pays (handing the sweep over and taking the result), best of 3 rounds.
    /// Then a running run finishes: the model updated (the other runs' contributions reused, the
    /// shared law refitted) beside a cold build, and every run judged again under the new model.
    func warmReprojection(_ finished: Sweep, declared: Bool) {
        var sweep = Sweep()
        let source = sweep.addSource(path: "bench", defaultRunName: "bench")
        var cursor: [(name: String, run: Run, next: Int)] = []
        func line(_ run: Run, name: String, point i: Int) {
            var record = ScannedRecord()
            record.setRunName(name)
            let point = run.curve[i]
            record.set(.step, point.step)
            record.set(.loss, point.loss)
            if let lr = run.learningRate(atStep: point.step) { record.set(.learningRate, lr) }
            sweep.ingest(.record, record, source: source)
        }
        for run in finished.runs {
            for (name, count) in [(run.name, run.curve.count), ("live-" + run.name, run.curve.count * 2 / 5)] {
                var header = ScannedRecord()
                header.setRunName(name)
                if let n = run.meta.params { header.set(.params, n) }
                if let t = run.meta.tokensPerStep { header.set(.tokensPerStep, t) }
                if let s = run.meta.totalSteps { header.set(.totalSteps, s) }
                sweep.ingest(.record, header, source: source)
                if declared, case let .success(schedule)? = finished.schedules[run.name] { sweep.setSchedule(.success(schedule), forRun: name) }
                for i in 0..<count { line(run, name: name, point: i) }
                if name != run.name { cursor.append((name, run, count)) }
            }
        }
        var analyzer = SweepAnalyzer()
        analyzer.options.bandResamples = 0
        var analysis = analyzer.analyze(sweep)
        var builder = LandingModelBuilder()
        analysis.landing = builder.update(sweep, law: analysis.parametric)
        var diagnostics = SweepDiagnostics()
        diagnostics.keepsTrends = true
        let judge = DiagnosisWorker(diagnostics: diagnostics)
        /// Judges the sweep on the worker: (the result, wall seconds to it, the worker's CPU
        /// seconds, the loop's CPU seconds to submit and take).
        func judged() -> (result: [String: RunDiagnosis], wall: Double, cpu: Double, loop: Double) {
            let cpuBefore = judge.stageCPU.seconds["diagnosis", default: 0]
            let start = MonotonicClock.now()
            var loopStart = ThreadCPUClock.now()
            judge.submit(sweep, analysis: analysis, now: nil)
            var loop = ThreadCPUClock.now() - loopStart
            while judge.isBusy { _ = DescriptorWait.readable([judge.wakeDescriptor], timeout: 1) }
            let wall = MonotonicClock.now() - start
            loopStart = ThreadCPUClock.now()
            let result = judge.takeResult()?.diagnoses ?? [:]
            loop += ThreadCPUClock.now() - loopStart
            return (result, wall, judge.stageCPU.seconds["diagnosis", default: 0] - cpuBefore, loop)
        }
        _ = judged()
        var best = (model: Double.infinity, modelCPU: Double.infinity, worker: Double.infinity, workerCPU: Double.infinity, loop: Double.infinity)
        var projected = 0, scheduled = 0
        for _ in 0..<3 {
            for k in cursor.indices {
                line(cursor[k].run, name: cursor[k].name, point: cursor[k].next)
                cursor[k].next += 1
            }
            var start = (MonotonicClock.now(), ThreadCPUClock.now())
            analysis.landing = builder.update(sweep, law: analysis.parametric)
            best.model = min(best.model, MonotonicClock.now() - start.0)
            best.modelCPU = min(best.modelCPU, ThreadCPUClock.now() - start.1)
            let (result, wall, cpu, loop) = judged()
            best.worker = min(best.worker, wall)
            best.workerCPU = min(best.workerCPU, cpu)
            best.loop = min(best.loop, loop)
            projected = cursor.filter { result[$0.name]?.projection?.projectedLoss != nil }.count
            scheduled = cursor.filter { result[$0.name]?.projection?.schedule != nil }.count
        }
        print(String(format: "  re-projection after a new point (warm, %d running + %d finished runs, LR logged, schedule %@): %.2f ms (CPU %.2f ms) on the diagnosis worker, the loop's share %.3f ms of CPU, %d projected, %d of them under a schedule; the analysis worker's model update %.3f ms (CPU %.3f ms) (target < 50 ms, off the drawing thread)",
                     cursor.count, finished.runs.count, declared ? "declared" : "inferred", best.worker * 1e3, best.workerCPU * 1e3, best.loop * 1e3,
                     projected, scheduled, best.model * 1e3, best.modelCPU * 1e3))

        // A running run finishes: the model again, updated (the builder's copy each time) and cold.
        let finishing = cursor[cursor.count - 1]
        for i in finishing.next..<finishing.run.curve.count { line(finishing.run, name: finishing.name, point: i) }
        var warm = (wall: Double.infinity, cpu: Double.infinity), cold = (wall: Double.infinity, cpu: Double.infinity)
        var updated = builder
        var coldModel = SweepLandingModel()
        for _ in 0..<3 {
            updated = builder
            let start = (MonotonicClock.now(), ThreadCPUClock.now())
            analysis.landing = updated.update(sweep, law: analysis.parametric)
            warm = (min(warm.wall, MonotonicClock.now() - start.0), min(warm.cpu, ThreadCPUClock.now() - start.1))
            let coldStart = (MonotonicClock.now(), ThreadCPUClock.now())
            coldModel = SweepLandingModel.build(sweep, law: analysis.parametric)
            cold = (min(cold.wall, MonotonicClock.now() - coldStart.0), min(cold.cpu, ThreadCPUClock.now() - coldStart.1))
        }
        let alpha = { (model: SweepLandingModel?) in model?.annealing.map { String(format: "%.3f", $0.alpha) } ?? "none" }
        let rejudged = judged()
        print(String(format: "    a running run finishes: the analysis worker's model update %.2f ms (CPU %.2f ms; the shared law %@, α %@), a cold build %.2f ms (CPU %.2f ms, α %@); every run judged again under it on the diagnosis worker %.2f ms (CPU %.2f ms), the loop's share %.3f ms of CPU",
                     warm.wall * 1e3, warm.cpu * 1e3, updated.lawFits > builder.lawFits ? "refitted" : updated.keptFits > builder.keptFits ? "kept" : "as before",
                     alpha(analysis.landing), cold.wall * 1e3, cold.cpu * 1e3, alpha(coldModel), rejudged.wall * 1e3, rejudged.cpu * 1e3, rejudged.loop * 1e3))
    }

    /// Nanoseconds a point costs the envelope, for frontiers of growing size: 200 runs whose
    /// points arrive in increasing compute, interleaved (as a sweep is read), with 2 % noise,
    /// so that a point now and then lands on the frontier and moves it. Flat as the frontier
    /// grows tenfold means O(log n) or better.
    func envelopeUpdates() {
        var rng = SplitMix64(seed: 3)
        var line = "  envelope update a point:"
        for pointsPerRun in [50, 500, 5000] {
            var points: [ComputeEnvelope.Entry] = []
            points.reserveCapacity(200 * pointsPerRun)
            for step in 1...pointsPerRun {
                for run in 0..<200 {
                    let n = 1e7 * pow(1.03, Double(run))
                    let tokens = 1e9 * Double(step) / Double(pointsPerRun) * Double(1 + run % 7)
                    let loss = (1.8 + 400 / pow(n, 0.34) + 400 / pow(tokens, 0.28)) * (1 + 0.02 * (rng.nextUnitInterval() - 0.5))
                    points.append(.init(flops: 6 * n * tokens, loss: loss, run: run, tokens: tokens, step: Double(step)))
                }
            }
            var best = Double.infinity
            var entries = 0
            for _ in 0..<3 {
                var envelope = ComputeEnvelope()
                var hints = [Int](repeating: 0, count: 200)
                let start = MonotonicClock.now()
                for p in points { envelope.offer(p, hint: &hints[p.run]) }
                best = min(best, MonotonicClock.now() - start)
                entries = envelope.count
            }
            line += String(format: "  %.0f ns (%d points, frontier of %d)", best * 1e9 / Double(points.count), points.count, entries)
        }
        print(line + "   (target O(log n) amortized)")
    }

    /// `plan` written instantly to a temporary folder, read once, the folder removed.
    static func readSimulated(_ plan: SweepPlan, tag: String) -> SweepReader {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-bench-\(tag)-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try? SweepWriter(plan: plan, directory: directory, instant: true).write()
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let reader = SweepReader(roots: [.directory(directory)], configuration: configuration)
        reader.poll(now: 0)
        return reader
    }
}
