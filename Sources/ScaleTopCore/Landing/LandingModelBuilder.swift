import Foundation

/// Keeps a sweep's landing model (`SweepLandingModel`) current as the sweep grows, reusing what
/// did not change: a finished run's contribution while its points and schedule stay as they were;
/// the shared annealing law while the finished curves are the same runs with few new points (each
/// run's level fitted under it; the law is refitted, as from nothing, when a run finishes or one
/// of them grew by `refitGrowth`); and the whole model while neither the finished runs nor L(N, D)
/// changed. A new point on a running run changes none of it: that run's own level is fitted when
/// it is projected.
public struct LandingModelBuilder: Sendable {
    private struct Entry: Sendable {
        var points: Int
        var schedule: Result<LearningRateSchedule, ScheduleDeclaration.Failure>?
        var contribution: SweepLandingModel.Contribution
    }

    /// Each finished run's contribution and what it was worked out from.
    private var entries: [String: Entry] = [:]
    /// The finished runs (name, points) the shared annealing law was last fitted to, and the fit.
    private var fittedCurves: [String: Int] = [:]
    private var fitted: (law: AnnealingCurveLaw, levels: [AnnealingCurveLaw.Level])?
    private var builtFrom: (finished: [String], law: ParametricFit?)?
    public private(set) var model: SweepLandingModel?

    /// A finished curve this share longer than at the last shared fit asks for a new one.
    public static let refitGrowth = 0.1

    /// How often the shared annealing law was fitted, and kept with the levels fitted under it
    /// (its curves barely moved).
    public private(set) var lawFits = 0
    public private(set) var keptFits = 0

    public init() {}

    /// The model for `sweep` and `law` (the sweep's L(N, D)); its `revision` grows with every
    /// model that differs from the one before.
    public mutating func update(_ sweep: Sweep, law: ParametricFit?) -> SweepLandingModel {
        var finished: [String] = []
        var changed = false
        var seen = Set<String>()
        for run in sweep.runs where SweepLandingModel.isComplete(run) {
            finished.append(run.name)
            seen.insert(run.name)
            let schedule = sweep.schedule(for: run)
            if let entry = entries[run.name], entry.points == run.usablePoints, entry.schedule == schedule { continue }
            entries[run.name] = Entry(points: run.usablePoints, schedule: schedule,
                                      contribution: SweepLandingModel.contribution(of: run, schedule: schedule))
            changed = true
        }
        if entries.count != seen.count { entries = entries.filter { seen.contains($0.key) } }
        if let model, !changed, let builtFrom, builtFrom.finished == finished, builtFrom.law == law { return model }

        let contributions = finished.map { entries[$0]!.contribution }
        var curves: [String: Int] = [:]
        for name in finished where entries[name]!.contribution.curve != nil { curves[name] = entries[name]!.points }
        if curves.isEmpty {
            fitted = nil
            fittedCurves = [:]
        } else if curves != fittedCurves || fitted == nil {
            let list = contributions.compactMap(\.curve)
            if let previous = fitted, Set(curves.keys) == Set(fittedCurves.keys),
               curves.allSatisfy({ Double($0.value) <= Double(fittedCurves[$0.key] ?? 0) * (1 + Self.refitGrowth) }) {
                // The same runs, barely longer: the shared law kept, each run's level fitted under
                // it; the points it was fitted to stay the reference for the growth.
                fitted = AnnealingCurveLaw.fit(list, keeping: previous.law) ?? previous
                keptFits += 1
            } else {
                // Fitted as from nothing, grid and all: started from the law before, the search
                // can settle in another minimum than the grid's, and the view would then disagree
                // with `report` on the same logs.
                fitted = AnnealingCurveLaw.fit(list)
                lawFits += 1
                fittedCurves = curves
            }
        }
        let next = SweepLandingModel.assemble(contributions, law: law, annealing: fitted,
                                              revision: (model?.revision ?? 0) + 1)
        model = next
        builtFrom = (finished, law)
        return next
    }
}
