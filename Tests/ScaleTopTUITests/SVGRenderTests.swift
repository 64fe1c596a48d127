import Foundation
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// The figure rendered to PNG by librsvg (`rsvg-convert`, Debian `librsvg2-bin`), as a paper's
/// toolchain would: it renders, at the size asked for, and draws something.
@Suite struct SVGRenderTests {
    static let rsvgConvert: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func be(_ k: Int) -> Int { bytes[k..<(k + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    static func render(_ svg: String, in dir: TemporaryDirectory, name: String) throws -> Data {
        let input = try dir.write(name + ".svg", svg)
        let output = dir.file(name + ".png")
        let outcome = try ChildProcess.run(try #require(rsvgConvert), [input.path, "-o", output.path], timeout: 120)
        #expect(outcome.status == 0, "rsvg-convert: \(String(decoding: outcome.error, as: UTF8.self))")
        return try Data(contentsOf: output)
    }

    @Test(.enabled(if: rsvgConvert != nil, "rsvg-convert is not installed (Debian: librsvg2-bin, see scripts/install-deps.sh)"))
    func theFigureRendersAtItsSizeAndIsNotBlank() throws {
        let dir = try TemporaryDirectory()
        let loaded = TUIFixtures.li2025
        let model = PlotModel.make(sweep: loaded.sweep, analysis: loaded.analysis, options: .init(targetFlops: TUIFixtures.target))
        let theme = Theme.builtInDefault
        let png = try Self.render(SVGPlot(theme: theme, width: 800, height: 500).render(model), in: dir, name: "sweep")
        let size = try #require(Self.pngSize(png))
        #expect(size.width == 800 && size.height == 500)
        // The same size with nothing drawn compresses to almost nothing; curves and text do not.
        let blank = try Self.render(SVGPlot(theme: theme, width: 800, height: 500).render(PlotModel(xAxis: .flops, series: [])), in: dir, name: "blank")
        #expect(Self.pngSize(blank)?.width == 800)
        #expect(png.count > 4 * blank.count, "sweep \(png.count) bytes, empty plot \(blank.count) bytes")
    }
}
