/// The fitted parts of the report: `fit`, `isoflop`, `parametric`, `optimal_at_target`, `kaplan`.
extension SweepReport {
    func fitJSON() -> JSONValue {
        guard let analysis, let fit = analysis.envelopeFit else { return .null }
        let form: String
        var reason: JSONValue = .null
        switch fit.form {
        case .withIrreducibleLoss: form = "E + A*C^-alpha"
        case let .purePowerLaw(why):
            form = "A*C^-alpha"
            reason = .string(why.rawValue)
        }
        let band: JSONValue = analysis.band.map { .array([.number($0.low), .number($0.high)]) } ?? .null
        return .object([
            ("E", .number(fit.E)),
            ("A", .number(fit.A)),
            ("alpha", .number(fit.alpha)),
            ("points", .int(fit.points)),
            ("loss_at_target", .number(analysis.lossAtTarget(targetFlops))),
            ("band", band),
            ("band_quantiles", .array([.number(0.1), .number(0.9)])),
            ("bootstrap_band", analysis.bootstrapBand.map { .array([.number($0.low), .number($0.high)]) } ?? .null),
            ("band_widened_because", analysis.bandWidenedBecause.map { .string($0) } ?? .null),
            ("extrapolation_withheld", analysis.extrapolationWithheld.map { .string($0) } ?? .null),
            ("form", .string(form)),
            ("pure_power_law_reason", reason),
            ("evidence_for_E", .number(fit.evidenceForIrreducibleLoss)),
            ("objective", .number(fit.objective)),
            ("warmup_fraction", .number(analysisOptions?.warmupFraction)),
            ("refits", .object([
                ("full", .int(analysis.fullFits)),
                ("warm", .int(analysis.warmFits)),
                ("skipped", .int(analysis.skippedFits)),
                ("last_ms", .number(analysis.lastRefitMilliseconds)),
            ])),
        ])
    }

    func isoflopJSON() -> JSONValue {
        guard let iso = analysis?.isoflop else { return .null }
        return .object([
            ("budgets", .array(iso.budgets.map { budget in
                .object([
                    ("flops", .number(budget.flops)),
                    ("params_opt", .number(budget.paramsOpt)),
                    ("tokens_opt", .number(budget.tokensOpt)),
                    ("loss_opt", .number(budget.lossOpt)),
                    ("runs", .int(budget.runs)),
                    ("at_edge", .bool(budget.atEdge)),
                    ("opens_downward", .bool(budget.opensDownward)),
                    ("params_min", .number(budget.smallestParams)),
                    ("params_max", .number(budget.largestParams)),
                ])
            })),
            ("a", .number(iso.a)),
            ("b", .number(iso.b)),
            ("budgets_in_scaling", .int(iso.budgetsInScaling)),
        ])
    }

    func parametricJSON() -> JSONValue {
        guard let p = analysis?.parametric else { return .null }
        return .object([
            ("E", .number(p.E)), ("A", .number(p.A)), ("B", .number(p.B)),
            ("alpha", .number(p.alpha)), ("beta", .number(p.beta)),
            ("a", .number(p.a)), ("b", .number(p.b)),
            ("points", .int(p.points)), ("objective", .number(p.objective)), ("starts", .int(p.starts)),
            ("dropped", droppedJSON()),
        ])
    }

    func optimalJSON() -> JSONValue {
        guard let analysis, let optimum = analysis.optimal else { return .null }
        return .object([
            ("params", .number(optimum.params)),
            ("tokens", .number(optimum.tokens)),
            ("loss", .number(optimum.loss)),
            ("source", analysis.optimalSource.map { .string($0) } ?? .null),
        ])
    }

    func kaplanJSON() -> JSONValue {
        guard let analysis, analysis.kaplanParams != nil || analysis.kaplanCompute != nil else { return .null }
        return .object([
            ("alpha_n", .number(analysis.kaplanParams?.exponent)),
            ("n_c", .number(analysis.kaplanParams?.scale)),
            ("alpha_c", .number(analysis.kaplanCompute?.exponent)),
            ("c_c", .number(analysis.kaplanCompute?.scale)),
        ])
    }
}
