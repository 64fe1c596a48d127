import Foundation

/// The log of a small transformer trained at too high a learning rate, shaped as such runs look in
/// practice: the loss falls from 13.9 (step 10) to about 7.5, leaves its best at step 410, blows up
/// to ×20 by step 760 and ×48 by step 1010, swings between about ×1.5 and ×50 until step 3500, then
/// recovers to about 4.7 at its planned end, step 5000. A point every 10 steps, 2 % noise.
public enum UnstableRunLog {
    public static let onsetStep = 410
    public static let calmStep = 3500
    public static let totalSteps = 5000

    /// The noiseless loss at `step`.
    public static func loss(atStep step: Int) -> Double {
        let s = Double(step)
        let healthy = 1.8 + 12.1 * pow(s / 10, -0.23)
        let onset = Double(onsetStep), calm = Double(calmStep)
        if s <= onset { return healthy }
        if s <= onset + 600 { return healthy * exp(log(48) * ((s - onset) / 600).squareRoot()) }
        let q = (s - onset - 600) / (calm - onset - 600)
        let wave = 0.55 + 0.25 * sin(2 * .pi * 5.3 * q) + 0.2 * sin(2 * .pi * 13.7 * q + 1.1)
        let swing = exp(log(50) * (0.1 + 0.9 * min(max(wave, 0), 1)))
        if s <= calm { return healthy * swing }
        return healthy * (1 + (swing - 1) * exp(-(s - calm) / 150))
    }

    /// The header and the points through `step`, one JSON object a line.
    public static func lines(through step: Int = totalSteps) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func gaussian() -> Double {
            // Box–Muller on a 64-bit linear congruential generator: fixed, so the file is too.
            func uniform() -> Double {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return (Double(state >> 11) + 0.5) / Double(1 << 53)
            }
            return (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())
        }
        var lines = ["{\"run\": \"lr3e-2\", \"params\": 33000000, \"tokens_per_step\": 65536, \"total_steps\": \(totalSteps)}"]
        for s in stride(from: 10, through: min(step, totalSteps), by: 10) {
            let loss = loss(atStep: s) * exp(0.02 * gaussian())
            lines.append("{\"step\": \(s), \"loss\": \(loss)}")
        }
        return lines
    }

    /// `lines(through:)` joined, each ending in a newline.
    public static func text(through step: Int = totalSteps) -> String {
        lines(through: step).map { $0 + "\n" }.joined()
    }
}
