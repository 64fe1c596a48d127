import Foundation
import ScaleTopSimulation
import ScaleTopTestSupport
import Testing

/// `report --json` on sweeps of two groups: `groups` and `comparison` the same whichever way the
/// groups were given (command line, header key, W&B run group), and honest about what it lacks.
@Suite struct GroupComparisonReportTests {
    static let plan = SweepPlan.comparison(worth: .constant(2), runCount: 6, seed: 3, pointsPerRun: 60)

    static func report(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try ScaleTopProcess.run(["report", "--json", "--target", "1e21"] + arguments)
        #expect(outcome.status == 0, "\(outcome.error)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
    }

    @Test func groupsFromCommandLineHeaderAndWandbGiveTheSameReport() throws {
        // Header key: the simulator declares each run's group in its first line.
        let declared = try TemporaryDirectory(prefix: "groups-header")
        _ = try SweepWriter(plan: Self.plan, directory: declared.path, instant: true).write()
        // Command line: the same logs with no group key, one folder per group.
        let plain = try TemporaryDirectory(prefix: "groups-plain")
        var undeclared = Self.plan
        for i in undeclared.runs.indices { undeclared.runs[i].group = nil }
        _ = try SweepWriter(plan: undeclared, directory: plain.path, instant: true).write()
        let header = try String(contentsOfFile: plain.path + "/base/" + Self.plan.runs[0].name.split(separator: "/")[1] + ".jsonl", encoding: .utf8)
        #expect(!header.prefix(while: { $0 != "\n" }).contains("group"))
        // W&B: the run group of each run's RunRecord.
        let wandb = try TemporaryDirectory(prefix: "groups-wandb")
        for (i, run) in Self.plan.runs.enumerated() {
            try wandb.write("wandb/offline-run-\(i)/run-\(i).wandb", bytes: WandbRunFile.bytes(for: run, plan: Self.plan, group: run.group))
        }

        let fromHeader = try Self.report([declared.path])
        let fromCommandLine = try Self.report(["base=\(plain.path)/base", "new=\(plain.path)/new"])
        let fromWandb = try Self.report([wandb.path])
        let comparison = try #require((fromHeader["comparison"] as? [[String: Any]])?.first)
        #expect(comparison["baseline"] as? String == "base")
        #expect(comparison["other"] as? String == "new")
        #expect(comparison["multiplier_at_target"] is Double)
        // The simulator's recipe shares the baseline's floor and its runs have parameter counts: every point fitted as one law.
        #expect(comparison["method"] as? String == "parametric")
        #expect(comparison["separate_floors_evidence"] is Double)
        for other in [fromCommandLine, fromWandb] {
            for key in ["groups", "comparison"] {
                let a = try JSONSerialization.data(withJSONObject: try #require(fromHeader[key]), options: [.sortedKeys])
                let b = try JSONSerialization.data(withJSONObject: try #require(other[key]), options: [.sortedKeys])
                #expect(a == b, "\(key) differs")
            }
            let groups = try #require((other["runs"] as? [[String: Any]])?.map { $0["group"] as? String })
            #expect(groups.filter { $0 == "base" }.count == 6 && groups.filter { $0 == "new" }.count == 6)
        }
    }

    @Test func aGroupWithTooFewPointsSaysSoInsteadOfANumber() throws {
        let dir = try TemporaryDirectory(prefix: "groups-few")
        _ = try SweepWriter(plan: Self.plan, directory: dir.path, instant: true).write()
        try dir.write("tiny/one.jsonl", """
            {"params": 1e7, "step": 10, "tokens": 1e8, "loss": 4.1}
            {"params": 1e7, "step": 20, "tokens": 2e8, "loss": 3.9}

            """)
        let report = try Self.report(["base=\(dir.path)/base", "tiny=\(dir.path)/tiny"])
        let tiny = try #require((report["groups"] as? [String: Any])?["tiny"] as? [String: Any])
        #expect(tiny["fit"] is NSNull)
        #expect((tiny["reason"] as? String)?.contains("too few points for a fit") == true)
        let comparison = try #require((report["comparison"] as? [[String: Any]])?.first)
        #expect(comparison["other"] as? String == "tiny")
        #expect(comparison["multiplier_at_target"] is NSNull)
        #expect(comparison["multiplier_band"] is NSNull)
        #expect(comparison["method"] as? String == "separate")
        #expect((comparison["reason"] as? String)?.hasPrefix("tiny: too few points") == true)
    }

    @Test func theFigureDrawsEachGroupsEnvelopeAndFit() throws {
        let dir = try TemporaryDirectory(prefix: "groups-svg")
        _ = try SweepWriter(plan: Self.plan, directory: dir.path, instant: true).write()
        let outcome = try ScaleTopProcess.run(["export", "--svg", "-", "--target", "1e21", dir.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        for group in ["base", "new"] {
            #expect(outcome.output.contains("class=\"group-envelope\" data-group=\"\(group)\""))
            #expect(outcome.output.contains("class=\"group-fit\" data-group=\"\(group)\""))
            #expect(outcome.output.contains("group \(group): L = "))
        }
        // The whole sweep's envelope mixes recipes: not drawn.
        #expect(!outcome.output.contains("id=\"envelope\""))
    }

    @Test func baselineNamesTheGroupComparedWithAndTheTextSaysIt() throws {
        let dir = try TemporaryDirectory(prefix: "groups-baseline")
        _ = try SweepWriter(plan: Self.plan, directory: dir.path, instant: true).write()
        let first = try #require((try Self.report([dir.path])["comparison"] as? [[String: Any]])?.first)
        let swapped = try #require((try Self.report([dir.path, "--baseline", "new"])["comparison"] as? [[String: Any]])?.first)
        #expect(swapped["baseline"] as? String == "new" && swapped["other"] as? String == "base")
        // The same two fits the other way round: at the target, m one way is nearly 1/m the other
        // (exactly so where the inverse law is evaluated at the matched compute).
        let m = try #require(first["multiplier_at_target"] as? Double), inverse = try #require(swapped["multiplier_at_target"] as? Double)
        #expect(m > 1 && inverse < 1)
        let unknown = try Self.report([dir.path, "--baseline", "moe"])
        #expect((unknown["comparison"] as? [[String: Any]])?.first?["baseline"] as? String == "base")
        #expect((unknown["notes"] as? [String])?.contains("comparison: --baseline moe names no group (groups: base, new); compared with base") == true)
        let text = try ScaleTopProcess.run(["report", "--target", "1e21", dir.path])
        #expect(text.output.contains("group base (6 runs): L(C) = "))
        #expect(text.output.contains("new vs base: "))
        #expect(text.output.contains("× compute at 1e21 ["))
    }

    @Test func aGroupKeyInASidecarPutsTheRunInThatGroup() throws {
        let dir = try TemporaryDirectory(prefix: "groups-sidecar")
        try dir.write("a.jsonl", "{\"params\": 1e7, \"step\": 10, \"tokens\": 1e8, \"loss\": 4.1}\n")
        try dir.write("a.meta.json", "{\"group\": \"moe\"}")
        try dir.write("b.jsonl", "{\"group\": \"dense\", \"params\": 1e7}\n{\"step\": 10, \"tokens\": 1e8, \"loss\": 4.2}\n")
        let report = try Self.report([dir.path])
        let groups = try #require((report["runs"] as? [[String: Any]])?.map { ($0["name"] as? String ?? "", $0["group"] as? String ?? "") })
        #expect(Dictionary(uniqueKeysWithValues: groups) == ["a": "moe", "b": "dense"])
    }

    /// The headline fit of a compared sweep is the baseline's own (a law across two recipes
    /// describes neither), and so is the optimum at the target.
    @Test func theHeadlineFitIsTheBaselineGroups() throws {
        let dir = try TemporaryDirectory(prefix: "groups-headline")
        _ = try SweepWriter(plan: Self.plan, directory: dir.path, instant: true).write()
        for baseline in ["base", "new"] {
            let report = try Self.report([dir.path, "--baseline", baseline])
            #expect(report["fit_group"] as? String == baseline)
            let fit = try #require(report["fit"] as? [String: Any])
            let groups = try #require(report["groups"] as? [String: Any])
            let own = try #require((groups[baseline] as? [String: Any])?["fit"] as? [String: Any])
            for key in ["E", "A", "alpha"] {
                let a = try #require(fit[key] as? Double), b = try #require(own[key] as? Double)
                #expect(abs(a - b) <= 0.02 * abs(b), "\(baseline) \(key): \(a) vs \(b)")
            }
            // The simulated sizes run 10M-1B: an optimum at 1e21 far outside them is a law fitted
            // across the two recipes.
            let params = try #require((report["optimal_at_target"] as? [String: Any])?["params"] as? Double)
            #expect(params > 1e8 && params < 1e11, "N_opt \(params)")
        }
        let single = try Self.report([dir.path + "/base"])
        #expect(single["fit_group"] is NSNull)
    }

    @Test func oneGroupLeavesTheReportAsItWas() throws {
        let dir = try TemporaryDirectory(prefix: "groups-none")
        _ = try SweepWriter(plan: SweepPlan.standard(runCount: 4, seed: 2, pointsPerRun: 40), directory: dir.path, instant: true).write()
        let report = try Self.report([dir.path])
        #expect(report["groups"] is NSNull)
        #expect((report["comparison"] as? [Any])?.isEmpty == true)
        #expect((report["runs"] as? [[String: Any]])?.allSatisfy { $0["group"] is NSNull } == true)
    }

    @Test func aNamePrefixOnlyBeforeAnySlashOrColonNamesAGroup() throws {
        let dir = try TemporaryDirectory(prefix: "groups-names")
        try dir.write("a=b/run.jsonl", "{\"params\": 1e7, \"step\": 10, \"tokens\": 1e8, \"loss\": 4.1}\n")
        // `=` after a slash: a plain path whose folder happens to hold one.
        let plain = try Self.report([dir.path + "/a=b"])
        #expect((plain["runs"] as? [[String: Any]])?.first?["group"] is NSNull)
        let named = try Self.report(["first=\(dir.path)/a=b"])
        #expect((named["runs"] as? [[String: Any]])?.first?["group"] as? String == "first")
        #expect((named["runs"] as? [[String: Any]])?.first?["name"] as? String == "first/run")
        // Not an identifier before `=`: a path that does not exist.
        let bad = try ScaleTopProcess.run(["report", "--json", "no/t=\(dir.path)"])
        #expect(bad.status == 2)
    }
}
