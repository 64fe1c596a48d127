// libFuzzer target for the line reader: LineAssembler cuts the input into lines (with a small
// limit, so over-long lines are exercised too) and LineScanner scans each, plus the whole input
// as one line. Built by scripts/fuzz-line-scanner.sh with -sanitize=fuzzer,address; a broken
// invariant is a crash that libFuzzer keeps as a reproducer.

private let maximumLength = 4096

@inline(__always)
private func check(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("\(message)") }
}

private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

private func scanChecked(_ scanner: inout LineScanner, _ line: UnsafeRawBufferPointer) {
    let outcome = scanner.scan(line)
    let bytes = Array(line)
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < bytes.count, isSpace(bytes[start]) { start += 1 }
    var end = bytes.count
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    switch outcome {
    case .blank:
        check(start == bytes.count, "blank line with content")
    case .record:
        check(end - start >= 2 && bytes[start] == UInt8(ascii: "{") && bytes[end - 1] == UInt8(ascii: "}"), "record is not {...}")
    case .bad:
        check(scanner.failureOffset >= 0 && scanner.failureOffset <= bytes.count, "failure offset out of the line")
    }
    // The scanner keeps no state from one line to the next.
    var fresh = LineScanner()
    check(fresh.scan(line) == outcome, "outcome depends on the previous line")
    for field in LogField.allCases {
        let a = scanner.record[field], b = fresh.record[field]
        check(a?.bitPattern == b?.bitPattern || (a?.isNaN == true && b?.isNaN == true), "record depends on the previous line")
    }
    check(scanner.record.runName == fresh.record.runName, "run name depends on the previous line")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func lineScannerFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var scanner = LineScanner()
    var assembler = LineAssembler(maximumLength: maximumLength)
    var lines = 0
    var overlong = 0
    // Fed in two pieces, split where the first byte says, so lines straddle chunks.
    let cut = size == 0 ? 0 : Int(data[0]) % (size + 1)
    for piece in [UnsafeRawBufferPointer(rebasing: input[..<cut]), UnsafeRawBufferPointer(rebasing: input[cut...])] {
        assembler.consume(piece, line: { line in
            check(line.count <= maximumLength, "line over the limit handed out")
            check(!line.contains(0x0A), "line holds a newline")
            lines += 1
            scanChecked(&scanner, line)
        }, overlong: { overlong += 1 })
    }
    assembler.flush { line in
        check(line.count <= maximumLength, "flushed line over the limit")
        scanChecked(&scanner, line)
    }
    let newlines = input.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    check(lines + overlong <= newlines + 1 && lines + overlong >= newlines, "lines lost or invented")
    scanChecked(&scanner, input)
    return 0
}
