import ScaleTopCore

/// The landing column in words, every number labelled: a run still going says where it is
/// projected to end, with the projection's 10–90 % band, against the envelope fit's line at its
/// planned compute (`above    proj 3.53 (3.49–3.58) · line 3.13 · +12.8 %`); a finished run says
/// where it ended (`on line  ended 3.12 · line 3.13 · -0.3 %`); a run whose loss is NaN or
/// infinite, or with no verdict yet, says nothing.
public enum LandingLabel {
    public static func text(_ projection: LandingProjection?, status: RunStatus, lastLoss: Double?) -> String {
        forms(projection, status: status, lastLoss: lastLoss).first ?? ""
    }

    /// The label from its longest to its shortest form: the percentage goes first, then the
    /// verdict's padding, then the band (the numbers people compare stay); empty for no label.
    public static func forms(_ projection: LandingProjection?, status: RunStatus, lastLoss: Double?) -> [String] {
        guard let projection, let verdict = projection.verdict,
              let projected = projection.projectedLoss, let line = projection.predictedLoss,
              projected.isFinite, line > 0, lastLoss?.isFinite ?? false
        else { return [] }
        let ended = status == .finished || (projection.progress ?? 0) >= 0.999
        let percent = (projected / line - 1) * 100
        let sign = percent >= 0 ? "+" : "-"
        let verdictWord = word(verdict)
        let padded = verdictWord + String(repeating: " ", count: 9 - verdictWord.count)
        var value = "\(ended ? "ended" : "proj") \(NumberText.fixed(projected, digits: 2))"
        if !ended, let (low, high) = projection.projectedBand, low.isFinite, high.isFinite {
            value += " (\(NumberText.fixed(low, digits: 2))–\(NumberText.fixed(high, digits: 2)))"
        }
        let lineText = "line \(NumberText.fixed(line, digits: 2))"
        let percentText = "\(sign)\(NumberText.fixed(abs(percent), digits: 1)) %"
        var forms = [
            padded + value + " · " + lineText + " · " + percentText,
            padded + value + " · " + lineText,
            verdictWord + " " + value + " · " + lineText,
        ]
        let bare = "\(ended ? "ended" : "proj") \(NumberText.fixed(projected, digits: 2))"
        if bare != value { forms.append(verdictWord + " " + bare + " · " + lineText) }
        return forms
    }

    static func word(_ verdict: LandingVerdict) -> String {
        switch verdict {
        case .on: "on line"
        case .above: "above"
        case .below: "below"
        }
    }
}
