import Testing
@testable import ScaleTopCore

@Suite struct CurveStoreTests {
    @Test func keepsEveryPointWhileSmall() {
        var store = CurveStore(capacity: 1000)
        for i in 1...1000 { store.append(LogPoint(step: Double(i), loss: 10 / Double(i))) }
        #expect(store.count == 1000)
        #expect(store.thinned == 0)
    }

    /// A store is a value: a copy (the analysis worker's snapshot) and a column taken from it
    /// keep their points while the original grows, reallocates and thins.
    @Test func copiesAndColumnsKeepTheirPointsWhileTheOriginalGrows() {
        var store = CurveStore(capacity: 64)
        for i in 1...40 { store.append(LogPoint(step: Double(i), loss: 100 - Double(i))) }
        let snapshot = store
        let losses = store.loss
        for i in 41...500 { store.append(LogPoint(step: Double(i), loss: 100 - Double(i) / 10)) }
        #expect(store.thinned > 0)
        #expect(snapshot.count == 40)
        #expect(snapshot.step.map { $0 } == (1...40).map(Double.init))
        #expect(Array(losses) == (1...40).map { 100 - Double($0) })
        var copy = snapshot
        copy.append(LogPoint(step: 41, loss: 1))
        #expect(copy.count == 41 && snapshot.count == 40)
        #expect(copy[40].loss == 1 && copy[39].loss == 60)
    }

    /// Progress that stands still (one token count logged over and over), runs backwards (a
    /// restarted counter) or jumps: thinning still ends, keeps the bounds and the best point.
    @Test(arguments: ["constant", "backwards", "sawtooth", "jumps"])
    func thinningCopesWithProgressThatDoesNotSimplyGrow(shape: String) {
        var store = CurveStore(capacity: 256)
        for i in 1...20_000 {
            let tokens: Double
            switch shape {
            case "constant": tokens = 5
            case "backwards": tokens = Double(30_000 - i)
            case "sawtooth": tokens = Double(1 + i % 977)
            default: tokens = i % 1000 == 0 ? 1e30 : Double(i)
            }
            store.append(LogPoint(step: .nan, tokens: tokens, loss: i == 1234 ? 0.25 : 3 + Double(i % 7) / 10))
        }
        #expect(store.count <= 256 && store.count >= 64)
        #expect(store.loss.contains(0.25))
        #expect(store[store.count - 1].tokens == (shape == "constant" ? 5 : shape == "backwards" ? 10_000 : shape == "sawtooth" ? Double(1 + 20_000 % 977) : 1e30))
    }

    @Test func thinsLogSpacedKeepingBestFirstAndLast() {
        var store = CurveStore(capacity: 1024)
        let n = 200_000
        // A decreasing curve with one deep dip early on: the dip is the run's best point.
        for i in 1...n {
            let loss = i == 777 ? 0.5 : 2 + 10 / Double(i).squareRoot()
            store.append(LogPoint(step: Double(i), loss: loss))
        }
        #expect(store.count <= 1024)
        #expect(store.count >= 400)
        #expect(store.step.first == 1)
        #expect(store.step.last == Double(n))
        #expect(store.loss.contains(0.5))
        // The most recent points stay at full resolution.
        let tail = Array(store.step.suffix(100))
        #expect(zip(tail, tail.dropFirst()).allSatisfy { $1 - $0 == 1 })
        // Older points are spread evenly in log(step): every decade below the recent window has
        // a similar share, instead of the last decade holding nearly all of them.
        let recentStart = store.step[store.count - 256]
        let old = store.step.filter { $0 < recentStart }
        let decades = (0..<4).map { d in old.filter { $0 >= pow(10, Double(d)) && $0 < pow(10, Double(d + 1)) }.count }
        #expect(decades[1] > 20 && decades[2] > 20 && decades[3] > 20, "\(decades)")
        // Points stay in order.
        #expect(zip(store.step, store.step.dropFirst()).allSatisfy { $0 < $1 })
    }
}

import Foundation
