import Foundation
import ScaleTopCore
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

        // Sidecar: the plain logs again, each with a `NAME.meta.json` naming its group.
        let sidecars = try TemporaryDirectory(prefix: "groups-sidecars")
        _ = try SweepWriter(plan: undeclared, directory: sidecars.path, instant: true).write()
        for run in Self.plan.runs {
            let group = try #require(run.group)
            try sidecars.write("\(group)/\(run.name.split(separator: "/")[1]).meta.json", "{\"group\": \"\(group)\"}")
        }

        let fromHeader = try Self.report([declared.path])
        let fromCommandLine = try Self.report(["base=\(plain.path)/base", "new=\(plain.path)/new"])
        let fromWandb = try Self.report([wandb.path])
        let fromSidecars = try Self.report([sidecars.path])
        let comparison = try #require((fromHeader["comparison"] as? [[String: Any]])?.first)
        #expect(comparison["baseline"] as? String == "base")
        #expect(comparison["other"] as? String == "new")
        #expect(comparison["multiplier_at_target"] is Double)
        // The simulator's recipe shares the baseline's floor and its runs have parameter counts: every point fitted as one law.
        #expect(comparison["method"] as? String == "parametric")
        #expect(comparison["separate_floors_evidence"] is Double)
        // Each run as the header-declared sweep has it: its name, group, points, and the line
        // its landing verdict reads (its own group's fit at its planned compute).
        func runs(_ report: [String: Any]) throws -> [String: [String]] {
            let runs = try #require(report["runs"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: runs.map { run in
                let line = (run["projection"] as? [String: Any])?["predicted_loss"] as? Double
                return (run["name"] as? String ?? "", [run["group"] as? String ?? "none", "\(run["points"] as? Int ?? -1)",
                                                      line.map { NumberText.fixed($0, digits: 6) } ?? "none"])
            })
        }
        let declaredRuns = try runs(fromHeader)
        #expect(declaredRuns.values.filter { $0[0] == "base" }.count == 6 && declaredRuns.values.filter { $0[0] == "new" }.count == 6)
        #expect(declaredRuns.values.filter { $0[2] != "none" }.count >= 8)
        for (way, other) in [("command line", fromCommandLine), ("W&B", fromWandb), ("sidecars", fromSidecars)] {
            for key in ["groups", "comparison"] {
                let a = try JSONSerialization.data(withJSONObject: try #require(fromHeader[key]), options: [.sortedKeys])
                let b = try JSONSerialization.data(withJSONObject: try #require(other[key]), options: [.sortedKeys])
                #expect(a == b, "\(way): \(key) differs")
            }
            #expect(try runs(other) == declaredRuns, "\(way): runs differ")
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

    /// `export --csv` of a sweep of groups: each run's group in runs.csv, each group's own
    /// envelope and fit (with its band) in envelope.csv and fit.csv, as `report --json` has them.
    @Test func csvExportGivesEachGroupItsRowsAndEachRowItsGroup() throws {
        let dir = try TemporaryDirectory(prefix: "groups-csv")
        _ = try SweepWriter(plan: Self.plan, directory: dir.path + "/logs", instant: true).write()
        let outcome = try ScaleTopProcess.run(["export", "--csv", dir.path + "/csv", "--target", "1e21", dir.path + "/logs"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let report = try Self.report([dir.path + "/logs"])
        let groups = try #require(report["groups"] as? [String: [String: Any]])
        func rows(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: dir.path + "/csv/" + name, encoding: .utf8).split(separator: "\n").map(CSVFields.parse)
        }

        let runRows = try rows("runs.csv")
        #expect(runRows.first == ["run", "params", "step", "tokens", "flops", "loss", "group"])
        for run in try #require(report["runs"] as? [[String: Any]]) {
            let mine = runRows.filter { $0[0] == run["name"] as? String }
            #expect(mine.count == run["stored_points"] as? Int)
            #expect(mine.allSatisfy { $0[6] == run["group"] as? String })
        }

        let envelopeRows = try rows("envelope.csv")
        #expect(envelopeRows.first == ["flops", "tokens", "step", "loss", "group"])
        let fitRows = try rows("fit.csv")
        #expect(fitRows.first == ["flops", "predicted_loss", "band_low", "band_high", "group"])
        for name in ["base", "new"] {
            let group = try #require(groups[name])
            let envelope = try #require(group["envelope"] as? [[String: Any]])
            let mine = envelopeRows.filter { $0[4] == name }
            #expect(mine.count == envelope.count)
            for (row, entry) in zip(mine, envelope) {
                let loss = try #require(entry["loss"] as? Double)
                #expect(abs(Double(row[3])! - loss) <= 1e-12 * loss)
            }
            let fit = try #require(group["fit"] as? [String: Any])
            let line = fitRows.filter { $0[4] == name }
            #expect(line.count == 200)
            // The last row is the target: the group's own loss there and its own band.
            let last = try #require(line.last)
            #expect(Double(last[0]) == 1e21)
            let atTarget = try #require(fit["loss_at_target"] as? Double), band = try #require(fit["band"] as? [Double])
            #expect(abs(Double(last[1])! - atTarget) < 1e-9)
            #expect(abs(Double(last[2])! - band[0]) < 1e-9 && abs(Double(last[3])! - band[1]) < 1e-9)
        }
        // The two recipes' fits differ: each group's rows are its own.
        let baseLast = fitRows.last { $0[4] == "base" }?[1], newLast = fitRows.last { $0[4] == "new" }?[1]
        #expect(baseLast != nil && baseLast != newLast)
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
        #expect(Dictionary(uniqueKeysWithValues: groups) == ["moe/a": "moe", "dense/b": "dense"])
    }

    /// The sidecar's `group` holds for every format that reads sidecars, not only JSONL: a
    /// Lightning `metrics.csv` and a Trainer's `trainer_state.json`.
    @Test func aGroupKeyInASidecarHoldsForCSVAndTrainerState() throws {
        let dir = try TemporaryDirectory(prefix: "groups-sidecar-formats")
        try dir.write("csv/metrics.csv", "step,tokens,loss\n10,100000000,4.1\n20,200000000,3.9\n")
        try dir.write("csv/metrics.meta.json", "{\"group\": \"moe\", \"params\": 1e7}")
        try dir.write("hf/trainer_state.json", """
            {"global_step": 20, "log_history": [{"loss": 4.2, "step": 10}, {"loss": 4.0, "step": 20}]}
            """)
        try dir.write("hf/trainer_state.meta.json", "{\"group\": \"dense\", \"params\": 1e7, \"tokens_per_step\": 1e7}")
        let report = try Self.report([dir.path])
        let runs = try #require(report["runs"] as? [[String: Any]])
        let groups = Dictionary(uniqueKeysWithValues: runs.map { ($0["name"] as? String ?? "", $0["group"] as? String ?? "none") })
        #expect(groups == ["moe/csv": "moe", "dense/hf": "dense"], "\(groups)")
        // The sidecar's description still applies to the run it names in its group.
        let hf = try #require(runs.first { $0["name"] as? String == "dense/hf" })
        #expect(hf["params"] as? Double == 1e7)
        #expect(Set((report["groups"] as? [String: Any])?.keys ?? [:].keys) == ["moe", "dense"])
    }

    /// Two groups whose logs name their runs alike (`"run": "run-1"`) keep two runs, each
    /// named in its group, whichever way the groups were given.
    @Test func groupsLoggingTheSameRunNameKeepTwoRuns() throws {
        let dir = try TemporaryDirectory(prefix: "groups-same-run")
        for (group, first, last) in [("base", "4.1", "3.9"), ("new", "3.7", "3.5")] {
            try dir.write("plain/\(group)/log.jsonl", """
                {"run": "run-1", "params": 1e7}
                {"step": 10, "tokens": 1e8, "loss": \(first)}
                {"step": 20, "tokens": 2e8, "loss": \(last)}

                """)
            try dir.write("declared/\(group)/log.jsonl", """
                {"run": "run-1", "group": "\(group)", "params": 1e7}
                {"step": 10, "tokens": 1e8, "loss": \(first)}
                {"step": 20, "tokens": 2e8, "loss": \(last)}

                """)
        }
        let fromCommandLine = try Self.report(["base=\(dir.path)/plain/base", "new=\(dir.path)/plain/new"])
        let fromHeader = try Self.report([dir.path + "/declared"])
        for report in [fromCommandLine, fromHeader] {
            let runs = try #require(report["runs"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: runs.map { ($0["name"] as? String ?? "", $0) })
            #expect(Set(byName.keys) == ["base/run-1", "new/run-1"])
            #expect(byName["base/run-1"]?["group"] as? String == "base")
            #expect(byName["new/run-1"]?["group"] as? String == "new")
            // Each run holds its own file's two points, not both files' four.
            #expect(byName["base/run-1"]?["points"] as? Int == 2 && byName["new/run-1"]?["points"] as? Int == 2)
            #expect((byName["base/run-1"]?["last"] as? [String: Any])?["loss"] as? Double == 3.9)
            #expect((byName["new/run-1"]?["last"] as? [String: Any])?["loss"] as? Double == 3.5)
        }
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
            // One fit and one bootstrap of the baseline's runs, shared: the same numbers.
            for key in ["E", "A", "alpha"] {
                let a = try #require(fit[key] as? Double), b = try #require(own[key] as? Double)
                #expect(a == b, "\(baseline) \(key): \(a) vs \(b)")
            }
            let band = try #require(fit["bootstrap_band"] as? [Double]), ownBand = try #require((groups[baseline] as? [String: Any])?["fit"] as? [String: Any])?["band"] as? [Double]
            #expect(band == ownBand)
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
