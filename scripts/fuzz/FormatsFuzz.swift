// libFuzzer target for the binary and CSV readers, one format per run, chosen by the
// SCALETOP_FUZZ_FORMAT environment variable (tfrecord, wandb or csv): one build serves all
// three. Built by scripts/fuzz-formats.sh with -sanitize=fuzzer,address; a broken invariant
// is a crash that libFuzzer keeps as a reproducer.
//
// Each input is used twice. As raw file bytes: the framing must not crash, must hand out no
// record over its limit, must keep its pending bytes bounded, and must give the same records
// and failures however the bytes are cut into chunks; every record is then decoded. As a list
// of records that the harness frames itself with valid checksums: the framing must give back
// exactly those records (CRCs would otherwise stop the fuzzer at the first header).

#if canImport(Glibc)
import Glibc
#endif

private let maximumLength = 4096

@inline(__always)
private func check(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("\(message)") }
}

private enum Format { case tfRecord, wandb, csv }

private let format: Format = {
    let name = getenv("SCALETOP_FUZZ_FORMAT").map { String(cString: $0) } ?? "tfrecord"
    switch name {
    case "wandb": return .wandb
    case "csv": return .csv
    default: return .tfRecord
    }
}()

private let catalog = KeyCatalog(lossKey: nil)

/// The input cut into records: each record is a length byte then that many bytes (the
/// length byte scaled so that records over a W&B block and over the limit occur).
private func records(_ input: UnsafeRawBufferPointer, scale: Int) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var i = 0
    while i < input.count {
        let n = min(Int(input[i]) * scale, input.count - i - 1)
        out.append(Array(input[(i + 1)..<(i + 1 + n)]))
        i += 1 + n
    }
    return out
}

/// Cuts `bytes` into chunks whose sizes come from `seed`, calling `feed` with each.
private func inChunks(_ bytes: [UInt8], seed: UInt8, _ feed: (UnsafeRawBufferPointer) -> Void) {
    let step = Int(seed % 61) + 1
    bytes.withUnsafeBytes { all in
        var i = 0
        while i < all.count {
            let n = min(step + (i % 7), all.count - i)
            feed(UnsafeRawBufferPointer(rebasing: all[i..<(i + n)]))
            i += n
        }
    }
}

// MARK: - TFRecord

private func frameTFRecords(_ bytes: [UInt8], chunkSeed: UInt8?) -> (records: [[UInt8]], failures: [TFRecordFraming.Failure]) {
    var framing = TFRecordFraming(maximumLength: maximumLength)
    var records: [[UInt8]] = []
    var failures: [TFRecordFraming.Failure] = []
    var decoder = TensorBoardEventDecoder(catalog: catalog)
    let feed: (UnsafeRawBufferPointer) -> Void = { chunk in
        framing.consume(chunk, record: { payload in
            check(payload.count <= maximumLength, "TFRecord over the limit handed out")
            records.append(Array(payload))
            _ = decoder.decode(payload) { _ in }
        }, failure: { failures.append($0) })
        check(framing.pendingCount <= maximumLength + TFRecordFraming.headerLength + 4 + chunk.count, "TFRecord pending bytes unbounded")
    }
    if let chunkSeed { inChunks(bytes, seed: chunkSeed, feed) } else { bytes.withUnsafeBytes(feed) }
    decoder.flush { _ in }
    return (records, failures)
}

private func tfRecordBytes(_ payload: [UInt8]) -> [UInt8] {
    let length = UInt64(payload.count)
    let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    func le(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) } }
    return lengthBytes + le(CRC32.masked(CRC32.castagnoli.checksum(lengthBytes))) + payload
        + le(CRC32.masked(CRC32.castagnoli.checksum(payload)))
}

/// A TFRecord header with a valid CRC for any 64-bit length (no payload follows).
private func tfRecordHeader(_ length: UInt64) -> [UInt8] {
    let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) }
    let crc = CRC32.masked(CRC32.castagnoli.checksum(lengthBytes))
    return lengthBytes + (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) }
}

private func fuzzTFRecord(_ input: UnsafeRawBufferPointer) {
    let raw = Array(input)
    let whole = frameTFRecords(raw, chunkSeed: nil)
    let cut = frameTFRecords(raw, chunkSeed: raw.first ?? 0)
    check(whole.records == cut.records && whole.failures == cut.failures, "TFRecord framing depends on the chunks")
    let payloads = records(input, scale: 33)
    let framed = frameTFRecords(payloads.flatMap(tfRecordBytes), chunkSeed: raw.last ?? 0)
    check(framed.records == payloads.filter { $0.count <= maximumLength }, "framed TFRecords not given back")
    check(framed.failures.count == payloads.filter { $0.count > maximumLength }.count, "over-long TFRecords not counted once each")
    // Lengths anywhere in 64 bits (2^64 - 1 included) with valid CRCs: the records before the
    // first such header come back, and the rest is skipped without a crash.
    if raw.count >= 8 {
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(raw[raw.count - 8 + k]) << (8 * UInt64(k)) }
        let before = payloads.filter { $0.count <= maximumLength }
        let bytes = payloads.flatMap(tfRecordBytes) + tfRecordHeader(length) + raw.prefix(64)
        let result = frameTFRecords(bytes, chunkSeed: raw[0])
        check(Array(result.records.prefix(before.count)) == before, "records before a huge length lost")
    }
}

// MARK: - W&B

private func frameWandb(_ bytes: [UInt8], chunkSeed: UInt8?) -> (records: [[UInt8]], failures: [WandbRecordFraming.Failure]) {
    var framing = WandbRecordFraming(maximumLength: maximumLength)
    var records: [[UInt8]] = []
    var failures: [WandbRecordFraming.Failure] = []
    var decoder = WandbRecordDecoder(catalog: catalog)
    let feed: (UnsafeRawBufferPointer) -> Void = { chunk in
        framing.consume(chunk, record: { record in
            check(record.count <= maximumLength, "W&B record over the limit handed out")
            records.append(Array(record))
            _ = decoder.decode(record)
        }, failure: { failures.append($0) })
        check(framing.pendingCount <= maximumLength + WandbRecordFraming.blockSize + chunk.count, "W&B pending bytes unbounded")
    }
    if let chunkSeed { inChunks(bytes, seed: chunkSeed, feed) } else { bytes.withUnsafeBytes(feed) }
    return (records, failures)
}

/// A W&B file holding `records`, each cut into FULL or FIRST/MIDDLE/LAST as the blocks need.
private func wandbBytes(_ records: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]
    let block = WandbRecordFraming.blockSize
    func padIfNeeded() {
        let left = block - bytes.count % block
        if left < 8 { bytes += [UInt8](repeating: 0, count: left) }
    }
    func append(_ type: UInt8, _ data: ArraySlice<UInt8>) {
        let crc = CRC32.ieee.checksum([type] + data)
        bytes += (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) }
        bytes += [UInt8(data.count & 0xFF), UInt8(data.count >> 8), type] + data
    }
    for record in records {
        var rest = record[...]
        var first = true
        repeat {
            padIfNeeded()
            let room = block - bytes.count % block - 7
            let n = min(rest.count, room)
            let last = n == rest.count
            append(first ? (last ? 1 : 2) : (last ? 4 : 3), rest.prefix(n))
            rest = rest.dropFirst(n)
            first = false
        } while !rest.isEmpty
    }
    return bytes
}

private func fuzzWandb(_ input: UnsafeRawBufferPointer) {
    var raw = Array(input)
    // Half the inputs get a valid file header, so the fuzzer starts past it.
    if (raw.first ?? 0) & 1 == 1 { raw = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00] + raw }
    let whole = frameWandb(raw, chunkSeed: nil)
    let cut = frameWandb(raw, chunkSeed: raw.last ?? 0)
    check(whole.records == cut.records && whole.failures == cut.failures, "W&B framing depends on the chunks")
    let logical = records(input, scale: 97)
    let framed = frameWandb(wandbBytes(logical), chunkSeed: input.first ?? 0)
    check(framed.records == logical.filter { $0.count <= maximumLength }, "framed W&B records not given back")
    check(framed.failures.count == logical.filter { $0.count > maximumLength }.count, "over-long W&B records not counted once each")
}

// MARK: - CSV

private func readCSV(_ bytes: [UInt8], chunkSeed: UInt8?) -> [String] {
    var assembler = LineAssembler(maximumLength: maximumLength)
    var decoder = CSVRecordDecoder(catalog: catalog)
    var outcomes: [String] = []
    let line: (UnsafeRawBufferPointer) -> Void = { line in
        check(line.count <= maximumLength, "CSV line over the limit handed out")
        let outcome = decoder.decode(line)
        var text = "\(outcome)"
        if outcome == .record {
            for field in LogField.allCases { text += ",\(decoder.record[field].map { String($0.bitPattern) } ?? "-")" }
            text += ",\(decoder.record.runName ?? "-")"
        }
        outcomes.append(text)
    }
    let feed: (UnsafeRawBufferPointer) -> Void = { chunk in
        assembler.consume(chunk, line: line, overlong: { outcomes.append("overlong") })
        check(assembler.pendingCount <= maximumLength, "CSV pending bytes unbounded")
    }
    if let chunkSeed { inChunks(bytes, seed: chunkSeed, feed) } else { bytes.withUnsafeBytes(feed) }
    assembler.flush(line: line)
    return outcomes
}

private func fuzzCSV(_ input: UnsafeRawBufferPointer) {
    let raw = Array(input)
    check(readCSV(raw, chunkSeed: nil) == readCSV(raw, chunkSeed: raw.first ?? 0), "CSV reading depends on the chunks")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func formatsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    switch format {
    case .tfRecord: fuzzTFRecord(input)
    case .wandb: fuzzWandb(input)
    case .csv: fuzzCSV(input)
    }
    return 0
}
