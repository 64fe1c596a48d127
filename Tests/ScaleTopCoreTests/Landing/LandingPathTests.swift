import Foundation
@testable import ScaleTopCore
import Testing

/// The drawn remainder of a run with a declared schedule follows the annealing law under that
/// schedule, pinned at the run's smoothed loss now and at the projected loss.
@Suite struct LandingPathTests {
    /// A WSD run of 1000 steps (cool-down over the last 200), 1e17 FLOPs a step, 40 % done.
    func path(kappa: Double) throws -> [LandingPathPoint] {
        let declaration: [String: Any] = ["lr_scheduler_type": "warmup_stable_decay", "total_steps": 1000, "peak_lr": 1e-3,
                                          "min_lr": 1e-4, "warmup_steps": 20, "num_decay_steps": 200]
        let schedule = try #require(try ScheduleDeclaration.parse(declaration)?.get())
        let steps = (1...40).map { Double($0 * 10) }
        let series = CurveSeries(axis: .flops, x: steps.map { $0 * 1e17 }, loss: steps.map { 3 + 10 / $0 }, step: steps,
                                 plannedX: 1e20, plannedSteps: 1000)
        let curve = SmoothedCurve(logX: [log(4e19)], logLoss: [log(3.1)], support: [10], noise: 0.01)
        var projection = LandingProjection()
        projection.finalFlops = 1e20
        projection.projectedLoss = 2.8
        projection.schedule = schedule.name
        projection.verdict = .on
        var context = RunDiagnosticsContext()
        context.schedule = .success(schedule)
        var landing = SweepLandingModel()
        landing.annealing = AnnealingCurveLaw(alpha: 0.5, lambda: 0.99, kappa: kappa)
        context.landing = landing
        return LandingPath.points(projection, series: series, curve: curve, context: context)
    }

    /// The loss on `path` nearest `flops`.
    func loss(_ path: [LandingPathPoint], at flops: Double) -> Double {
        path.min { abs(log($0.x / flops)) < abs(log($1.x / flops)) }!.loss
    }

    @Test func aWSDRunsRemainderDropsInItsCoolDown() throws {
        let path = try path(kappa: 10)
        #expect(path.count == LandingPath.pointCount)
        #expect(abs(path.first!.x / 4e19 - 1) < 1e-9 && abs(path.first!.loss - 3.1) < 1e-9)
        #expect(abs(path.last!.x / 1e20 - 1) < 1e-9 && abs(path.last!.loss - 2.8) < 1e-9)
        // Falling all the way, more in the cool-down (80–100 % of the plan) than in the stable
        // phase before it (60–80 %), as the law under the schedule says.
        #expect(zip(path, path.dropFirst()).allSatisfy { $1.loss <= $0.loss + 1e-12 })
        let stable = loss(path, at: 6e19) - loss(path, at: 8e19)
        let coolDown = loss(path, at: 8e19) - loss(path, at: 1e20)
        #expect(coolDown > 1.5 * stable, "stable \(stable), cool-down \(coolDown)")
        // Without an annealing drop (κ = 0) the same ends are joined by the power law alone,
        // which falls less at the end than in the stretch before it.
        let plain = try self.path(kappa: 0)
        #expect(loss(plain, at: 8e19) - loss(plain, at: 1e20) < loss(plain, at: 6e19) - loss(plain, at: 8e19))
    }

    @Test func noPathOnceTheRunIsAtItsEnd() throws {
        var projection = LandingProjection()
        projection.finalFlops = 1e20
        projection.projectedLoss = 2.8
        let series = CurveSeries(axis: .flops, x: [1e20], loss: [2.8], step: [1000], plannedX: 1e20, plannedSteps: 1000)
        let curve = SmoothedCurve(logX: [log(1e20)], logLoss: [log(2.8)], support: [1], noise: 0.01)
        #expect(LandingPath.points(projection, series: series, curve: curve, context: RunDiagnosticsContext()).isEmpty)
    }
}
