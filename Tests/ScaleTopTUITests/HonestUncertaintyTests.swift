import Foundation
import ScaleTopCore
import Testing
@testable import ScaleTopTUI

/// Early in a sweep the fit line says how little it knows (the simulated demo sweep, read at
/// fractions of its lines).
@Suite struct HonestUncertaintyTests {
    static func fitLine(_ s: TUIFixtures.Diagnosed) -> String {
        let summary = DashboardSummary.make(sweep: s.sweep, analysis: s.analysis, rows: RunRow.rows(of: s.sweep), context: s.context)
        return StatusLines(theme: .builtInDefault, glyphs: .unicode).fitSpans(summary, width: 400).map(\.text).joined()
    }

    @Test func earlyInTheSweepThereIsNoExtrapolation() {
        let early = TUIFixtures.simulated(fraction: 0.1)
        #expect(early.analysis.envelopeFit != nil)
        #expect(early.analysis.lossAtTarget(TUIFixtures.target) == nil)
        let line = Self.fitLine(early)
        #expect(line.contains("at 1e22: no extrapolation: target "), "\(line)")
        // Nor a target marker or dashed extrapolation on the plot.
        let content = DashboardContent.make(sweep: early.sweep, analysis: early.analysis, context: early.context, xAxis: .flops)
        #expect(content.plot.target?.predictedLoss == nil)
        #expect(!PlotView(theme: .builtInDefault, glyphs: .unicode).legend(content.plot, options: PlotDrawOptions()).contains { $0.text.contains("extrapolation") })
    }

    @Test func midwayTheBandIsWidenedAndSaysWhy() throws {
        let midway = TUIFixtures.simulated(fraction: 0.5)
        let band = try #require(midway.analysis.band)
        let bootstrap = try #require(midway.analysis.bootstrapBand)
        #expect(band.low < bootstrap.low && band.high > bootstrap.high)
        // The whole sweep's answer (its fit at the end) lies inside the widened band, not the bootstrap's.
        let finalLoss = try #require(TUIFixtures.simulated(fraction: 1).analysis.lossAtTarget(TUIFixtures.target))
        #expect(band.contains(finalLoss), "\(band) vs \(finalLoss)")
        #expect(!bootstrap.contains(finalLoss))
        #expect(Self.fitLine(midway).contains("(widened: target "), "\(Self.fitLine(midway))")
        // The plot's legend and the figure's say the band is widened too.
        let content = DashboardContent.make(sweep: midway.sweep, analysis: midway.analysis, context: midway.context, xAxis: .flops)
        #expect(PlotView(theme: .builtInDefault, glyphs: .unicode).legend(content.plot, options: PlotDrawOptions()).contains { $0.text == " band 10–90%, widened" })
        #expect(SVGPlot(theme: .builtInDefault).render(content.plot).contains(">band 10–90%, widened<"))
    }

    @Test func whileTheLargestRunIsMidScheduleTheBandReachesWhereTheSweepEnds() throws {
        let finalLoss = try #require(TUIFixtures.simulated(fraction: 1).analysis.lossAtTarget(TUIFixtures.target))
        // (At 60 % the widened band, 2.16–3.46, just misses the final 2.15: it is no guarantee.)
        for fraction in [0.7, 0.8, 0.9] {
            let partial = TUIFixtures.simulated(fraction: fraction)
            let band = try #require(partial.analysis.band)
            #expect(band.contains(finalLoss), "at \(fraction): \(band) vs \(finalLoss)")
            #expect(partial.analysis.bandWidenedBecause == "the envelope's far end is a run in progress")
        }
        // Once every run has finished, the bootstrap band stands alone.
        let done = TUIFixtures.simulated(fraction: 1)
        #expect(done.analysis.bandWidenedBecause == nil && done.analysis.band == done.analysis.bootstrapBand)
    }
}
