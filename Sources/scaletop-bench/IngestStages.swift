import Foundation
import ScaleTopCore

/// The read path split into stages, each timed alone on the same page-cached files, so the
/// closing figures say what bounds ingest: reading, cutting lines, scanning, or the sweep.
enum IngestStages {
    struct Timing {
        var name: String
        var seconds: Double
    }

    static func measure(_ paths: [String], repeats: Int) -> [Timing] {
        let chunkSize = 1 << 20
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 64)
        defer { chunk.deallocate() }
        func best(_ body: () -> Int) -> Double {
            var fastest = Double.infinity
            var sink = 0
            for _ in 0..<repeats {
                let start = MonotonicClock.now()
                sink &+= body()
                fastest = min(fastest, MonotonicClock.now() - start)
            }
            if sink == 42 { print("") }  // keeps the work observable
            return fastest
        }
        func eachChunk(_ body: (UnsafeRawBufferPointer) -> Void) {
            for path in paths {
                guard case let .success(file) = ReadableFile.open(path) else { continue }
                while case let .bytes(n) = file.read(into: chunk) {
                    body(UnsafeRawBufferPointer(start: chunk.baseAddress, count: n))
                }
            }
        }
        let readOnly = best {
            var total = 0
            eachChunk { total += $0.count }
            return total
        }
        let lines = best {
            var assembler = LineAssembler()
            var count = 0
            eachChunk { assembler.consume($0, line: { _ in count += 1 }, overlong: {}) }
            return count
        }
        let scanned = best {
            var assembler = LineAssembler()
            var scanner = LineScanner()
            var records = 0
            eachChunk {
                assembler.consume($0, line: { if scanner.scan($0) == .record { records += 1 } }, overlong: {})
            }
            return records
        }
        return [
            Timing(name: "read(2) only, 1 MB chunks", seconds: readOnly),
            Timing(name: "+ cut lines (memchr)", seconds: lines),
            Timing(name: "+ scan lines (LineScanner)", seconds: scanned),
        ]
    }
}
