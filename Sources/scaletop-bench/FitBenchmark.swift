import Foundation
import ScaleTopCore
import ScaleTopSimulation

/// Fit timings: the envelope law's full multi-start fit and its warm refit at 1k and 10k
/// envelope points, the bootstrap band, and the 4500-start parametric fit on the Chinchilla
/// table. The peer is SciPy's L-BFGS-B minimising the same Huber objective from the same starts
/// (Epoch's published procedure), run on the same points in the same run.
struct FitBenchmark {
    var chinchilla = "../shared/data/chinchilla-epoch/results.jsonl"
    var repeats = 3


    /// An envelope of `count` points following L = 1.8 + 2e3·C^-0.16 with 0.5 % noise.
    static func envelope(_ count: Int) -> [ComputeLossPoint] {
        var rng = SplitMix64(seed: 42)
        return (0..<count).map { k in
            let c = pow(10, 17 + 4 * Double(k) / Double(count - 1))
            let noise = 1 + 0.005 * (rng.nextUnitInterval() - 0.5) * 2
            return ComputeLossPoint(compute: c, loss: (1.8 + 2e3 * pow(c, -0.16)) * noise)
        }
    }

    /// The best of `repeats` in CPU seconds of the whole process (every thread), which a
    /// shared machine's other load disturbs less than the wall clock.
    func cpuTime(_ body: () -> Void) -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + 1e-9 * Double(spec.tv_nsec)
        }
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            body()
            best = min(best, now() - start)
        }
        return best
    }

    func time(_ body: () -> Void) -> Double { fastestTime(of: repeats, body) }

    /// A sweep of two recipes (the simulator's: 8 runs a group, 10M–1B parameters, 300 points
    /// each, the new recipe worth 2× the compute), analysed from cold as `report` analyses it:
    /// the whole pass (headline fit and band, IsoFLOP, parametric fit and intervals, each group's
    /// fit and band, the comparison's paired bootstrap), and the groups' part alone. No peer:
    /// no other tool computes a compute multiplier.
    func groups() throws {
        let plan = SweepPlan.comparison(worth: .constant(2), runCount: 8, seed: 3, pointsPerRun: 300)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-bench-groups-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try SweepWriter(plan: plan, directory: dir, instant: true).write()
        var configuration = SweepReader.Configuration()
        configuration.tailer.oneShot = true
        let reader = SweepReader(roots: [.directory(dir)], configuration: configuration)
        reader.poll(now: 0)
        let sweep = reader.sweep
        var options = SweepAnalysisOptions()
        options.targetFlops = 1e20
        var analysis = SweepAnalysis()
        let whole = time {
            var analyzer = SweepAnalyzer(options: options)
            analysis = analyzer.analyze(sweep)
        }
        // With the parametric fit's coarse grid and no intervals (the same either way, and on two
        // threads), in CPU time: mostly the envelope side.
        var envelopeOnly = options
        envelopeOnly.parametricResamples = 0
        envelopeOnly.parametricGrid = .coarse
        let envelopeCPU = cpuTime {
            var analyzer = SweepAnalyzer(options: envelopeOnly)
            _ = analyzer.analyze(sweep)
        }
        let groups = SweepGroups(sweep)
        // The groups' part with and without each bootstrap: what the bands and the comparison's
        // paired resamples cost.
        func grouped(bands: Bool, comparison: Bool) -> Double {
            cpuTime {
                var analyzer = GroupedAnalyzer()
                if !bands { analyzer.bandResamples = 0 }
                if !comparison { analyzer.comparator.resamples = 0 }
                _ = analyzer.analyze(sweep, groups: groups, baseline: nil, target: options.targetFlops)
            }
        }
        let part = grouped(bands: true, comparison: true)
        let noBands = grouped(bands: false, comparison: true), fitsOnly = grouped(bands: false, comparison: false)
        let m = analysis.grouped?.comparisons.first?.atTarget?.multiplier ?? .nan
        print(String(format: "  two groups, %d runs, target 1e20: whole analysis %7.1f ms   with a coarse parametric fit, no intervals %7.1f ms CPU", sweep.runs.count, whole * 1e3, envelopeCPU * 1e3))
        print(String(format: "  two groups alone (GroupedAnalyzer, no headline fit to share): %7.1f ms CPU: frontiers and fits %.1f, comparison's bootstrap %.1f, bands %.1f   (m %.2f; no peer)",
                     part * 1e3, fitsOnly * 1e3, (noBands - fitsOnly) * 1e3, (part - noBands) * 1e3, m))
    }

    func run() throws {
        print("fit: best of \(repeats); peer = SciPy L-BFGS-B on the same objective and starts")
        try groups()
        for n in [1000, 10000] {
            let points = Self.envelope(n)
            let full = time { _ = EnvelopeFitSolver().fit(points) }
            var fitter = EnvelopeFitter()
            fitter.update(points: Array(points.dropLast()))
            let warm = time {
                var copy = fitter
                copy.update(points: points)
            }
            let band = time {
                guard let fit = EnvelopeFitSolver().fit(points) else { return }
                _ = EnvelopeBandEstimator().band(for: fit, points: points, atCompute: 1e23)
            }
            let peer = try? scipyEnvelope(points)
            print(String(format: "  envelope %5d pts: full multi-start %8.2f ms   warm refit %7.3f ms   band (200 resamples) %8.1f ms", n, full * 1e3, warm * 1e3, band * 1e3))
            if let peer { print(String(format: "  envelope %5d pts: scipy full multi-start %8.2f ms   (%.1fx ours)", n, peer * 1e3, peer / full)) }
        }
        let finals = try chinchillaFinals()
        let parametric = time { _ = ParametricFitter().fit(finals) }
        var serial = ParametricFitter()
        serial.parallel = false
        let parametricSerial = time { _ = serial.fit(finals) }
        print(String(format: "  parametric, %d points, 4500 starts: %.2f s on 2 threads, %.2f s on 1", finals.count, parametric, parametricSerial))
        if let peer = try? scipyParametric(finals) {
            print(String(format: "  parametric, scipy L-BFGS-B, 4500 starts: %.2f s (every 10th start timed, x10)   (%.1fx ours on 1 thread)", peer, peer / parametricSerial))
        }
        // The 80 % intervals: 200 resamples of the runs, each refitted from the full fit's optimum.
        if let fit = ParametricFitter().fit(finals) {
            var intervals: ParametricIntervals?
            let bootstrap = time { intervals = ParametricBootstrap().intervals(for: fit, runs: finals) }
            print(String(format: "  parametric intervals, 200 resamples: %.2f s on 2 threads (alpha %.3f–%.3f, beta %.3f–%.3f)", bootstrap,
                         intervals?.alpha.lowerBound ?? .nan, intervals?.alpha.upperBound ?? .nan, intervals?.beta.lowerBound ?? .nan, intervals?.beta.upperBound ?? .nan))
            if let peer = try? scipyBootstrap(finals, from: fit) {
                print(String(format: "  parametric intervals, scipy L-BFGS-B, 200 resamples from the optimum: %.2f s   (%.1fx ours)", peer, peer / bootstrap))
            }
        }
    }

    private func chinchillaFinals() throws -> [RunFinalPoint] {
        let reader = SweepReader(roots: try LogPaths.resolve([chinchilla]), configuration: {
            var c = SweepReader.Configuration()
            c.tailer.oneShot = true
            return c
        }())
        reader.poll(now: 0)
        return SweepAnalyzer.finalPoints(reader.sweep)
    }

    private func writeTemp(_ rows: [[Double]]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scaletop-bench-fit-\(UUID().uuidString).txt").path
        try rows.map { $0.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func scipyEnvelope(_ points: [ComputeLossPoint]) throws -> Double {
        let path = try writeTemp(points.map { [$0.compute, $0.loss] })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import sys, time, numpy as np
            from scipy.optimize import minimize
            d = np.loadtxt(sys.argv[1]); x = np.log(d[:,0]); y = np.log(d[:,1]); x0 = x.mean(); x = x - x0
            def f(p):
                a, al, e = p; u = a - al*x; t = np.logaddexp(u, e); r = t - y
                h = np.where(np.abs(r) <= 1e-3, 0.5*r*r, 1e-3*(np.abs(r) - 0.5e-3)); g = np.where(np.abs(r) <= 1e-3, r, 1e-3*np.sign(r))
                wu = np.exp(u - t); we = np.exp(e - t)
                return h.sum(), np.array([(g*wu).sum(), -(g*wu*x).sum(), (g*we).sum()])
            best = None; t0 = time.perf_counter()
            for al in [0.05, 0.1, 0.2, 0.4, 0.8]:
                for fr in [0.1, 0.3, 0.5, 0.7, 0.9]:
                    e = np.log(fr*np.exp(y.min())); a = np.log(max(np.exp(y.mean()) - np.exp(e), 1e-9))
                    r = minimize(f, [a, al, e], jac=True, method='L-BFGS-B')
                    if best is None or r.fun < best.fun: best = r
            print(time.perf_counter() - t0)
            """
        return try PeerProcess.pythonTimed(script, [path])
    }

    private func scipyParametric(_ finals: [RunFinalPoint]) throws -> Double {
        let path = try writeTemp(finals.map { [$0.params, $0.tokens, $0.loss] })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
            import sys, time, itertools, numpy as np
            from scipy.optimize import minimize
            from scipy.special import logsumexp
            d = np.loadtxt(sys.argv[1]); lN = np.log(d[:,0]); lD = np.log(d[:,1]); lL = np.log(d[:,2])
            def f(p):
                a, b, e, al, be = p
                t = np.stack([a - al*lN, b - be*lD, np.full_like(lN, e)]); m = logsumexp(t, axis=0); r = m - lL
                h = np.where(np.abs(r) <= 1e-3, 0.5*r*r, 1e-3*(np.abs(r) - 0.5e-3)); g = np.where(np.abs(r) <= 1e-3, r, 1e-3*np.sign(r))
                w = np.exp(t - m)
                return h.sum(), np.array([(g*w[0]).sum(), (g*w[1]).sum(), (g*w[2]).sum(), -(g*w[0]*lN).sum(), -(g*w[1]*lD).sum()])
            t0 = time.perf_counter(); best = None
            grid = list(itertools.product([0,.5,1,1.5,2],[0,.5,1,1.5,2],[-1,-.5,0,.5,1],[0,5,10,15,20,25],[0,5,10,15,20,25]))
            for al, be, e, a, b in grid[::10]:
                r = minimize(f, [a, b, e, al, be], jac=True, method='L-BFGS-B')
                if best is None or r.fun < best.fun: best = r
            print((time.perf_counter() - t0) * 10)
            """
        return try PeerProcess.pythonTimed(script, [path])
    }

    private func scipyBootstrap(_ finals: [RunFinalPoint], from fit: ParametricFit) throws -> Double {
        let path = try writeTemp(finals.map { [$0.params, $0.tokens, $0.loss] })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let start = [log(fit.A), log(fit.B), log(fit.E), fit.alpha, fit.beta].map { String($0) }.joined(separator: ", ")
        let script = """
            import sys, time, numpy as np
            from scipy.optimize import minimize
            from scipy.special import logsumexp
            d = np.loadtxt(sys.argv[1]); rng = np.random.default_rng(1)
            def objective(lN, lD, lL):
                def f(p):
                    a, b, e, al, be = p
                    t = np.stack([a - al*lN, b - be*lD, np.full_like(lN, e)]); m = logsumexp(t, axis=0); r = m - lL
                    h = np.where(np.abs(r) <= 1e-3, 0.5*r*r, 1e-3*(np.abs(r) - 0.5e-3)); g = np.where(np.abs(r) <= 1e-3, r, 1e-3*np.sign(r))
                    w = np.exp(t - m)
                    return h.sum(), np.array([(g*w[0]).sum(), (g*w[1]).sum(), (g*w[2]).sum(), -(g*w[0]*lN).sum(), -(g*w[1]*lD).sum()])
                return f
            t0 = time.perf_counter()
            for _ in range(200):
                s = d[rng.integers(0, len(d), len(d))]
                minimize(objective(np.log(s[:,0]), np.log(s[:,1]), np.log(s[:,2])), [\(start)], jac=True, method='L-BFGS-B',
                         options={'ftol': 1e-15, 'gtol': 1e-12, 'maxiter': 1000})
            print(time.perf_counter() - t0)
            """
        return try PeerProcess.pythonTimed(script, [path])
    }
}
