import ScaleTopCore

/// The landing column in words, every number labelled: a run still going says where it is
/// projected to end against the envelope fit's line there (`above    proj 3.53 · line 3.13 ·
/// +12.8 %`); a finished run says where it ended (`on line  ended 3.12 · line 3.13 · -0.3 %`);
/// a run whose loss is NaN or infinite, or with no verdict yet, says nothing.
public enum LandingLabel {
    public static func text(_ projection: LandingProjection?, status: RunStatus, lastLoss: Double?) -> String {
        guard let projection, let verdict = projection.verdict,
              let projected = projection.projectedLoss, let line = projection.predictedLoss,
              projected.isFinite, line > 0, lastLoss?.isFinite ?? false
        else { return "" }
        let ended = status == .finished || (projection.progress ?? 0) >= 0.999
        let percent = (projected / line - 1) * 100
        let sign = percent >= 0 ? "+" : "-"
        let verdictWord = word(verdict)
        return verdictWord + String(repeating: " ", count: 9 - verdictWord.count) + "\(ended ? "ended" : "proj") \(NumberText.fixed(projected, digits: 2))"
            + " · line \(NumberText.fixed(line, digits: 2)) · \(sign)\(NumberText.fixed(abs(percent), digits: 1)) %"
    }

    static func word(_ verdict: LandingVerdict) -> String {
        switch verdict {
        case .on: "on line"
        case .above: "above"
        case .below: "below"
        }
    }
}
