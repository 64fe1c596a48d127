import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// The elements of an SVG as XMLParser reads them: a failed parse is a test failure.
final class SVGElements: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }

    var elements: [Element] = []
    private var open: [Int] = []
    var error: Error?

    static func parse(_ svg: String) throws -> SVGElements {
        let collector = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        if !ok { throw parser.parserError ?? collector.error ?? CocoaError(.coderReadCorrupt) }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for index in open { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    func element(id: String) -> Element? { elements.first { $0.attributes["id"] == id } }

    /// A polyline's points as numbers.
    static func points(_ element: Element) -> [(Double, Double)] {
        (element.attributes["points"] ?? "").split(separator: " ").compactMap { pair in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            return xy.count == 2 ? (xy[0], xy[1]) : nil
        }
    }
}

@Suite struct SVGExportTests {
    static let theme = Theme.builtInDefault

    static func model(target: Double? = TUIFixtures.target) -> PlotModel {
        let loaded = TUIFixtures.li2025
        return PlotModel.make(sweep: loaded.sweep, analysis: loaded.analysis, options: .init(xAxis: .flops, targetFlops: target))
    }

    @Test func theSweepIsAValidFigureWithEveryRunTheEnvelopeAndTheFit() throws {
        let model = Self.model()
        let svg = SVGPlot(theme: Self.theme, width: 960, height: 600).render(model)
        let parsed = try SVGElements.parse(svg)
        let root = try #require(parsed.elements.first)
        #expect(root.name == "svg" && root.attributes["width"] == "960" && root.attributes["height"] == "600")

        // One polyline per run of the sweep (11 in sweep-li2025), named by the run.
        let runs = parsed.all("polyline", class: "run")
        #expect(runs.count == TUIFixtures.li2025.sweep.runs.count)
        #expect(runs.count == 11)
        #expect(Set(runs.compactMap { $0.attributes["data-run"] }) == Set(TUIFixtures.li2025.sweep.runs.map(\.name)))
        #expect(Set(runs.compactMap { $0.attributes["stroke"] }).count >= 8)

        // The envelope: as many vertices as the sweep's envelope has entries, x increasing.
        let envelope = try #require(parsed.element(id: "envelope"))
        let envelopePoints = SVGElements.points(envelope)
        #expect(envelopePoints.count == TUIFixtures.li2025.sweep.envelope.count)
        #expect(zip(envelopePoints, envelopePoints.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(Double(envelope.attributes["stroke-width"] ?? "0")! > Double(runs[0].attributes["stroke-width"] ?? "1.3") ?? 1.3)

        // The fit solid, then dashed to the target, which is right of the fitted range.
        let fit = try #require(parsed.element(id: "fit"))
        let extrapolation = try #require(parsed.element(id: "extrapolation"))
        #expect(fit.attributes["stroke-dasharray"] == nil)
        #expect(extrapolation.attributes["stroke-dasharray"] != nil)
        let fitEnd = try #require(SVGElements.points(fit).last)
        let dashedStart = try #require(SVGElements.points(extrapolation).first)
        #expect(abs(fitEnd.0 - dashedStart.0) < 0.02 && abs(fitEnd.1 - dashedStart.1) < 0.02)
        #expect(parsed.element(id: "band")?.name == "polygon")

        // Tick labels at powers of ten, loss ticks readable numbers.
        let xLabels = try #require(parsed.element(id: "x-ticks")).text
        for label in ["1e18", "1e19", "1e20", "1e21", "1e22"] { #expect(xLabels.contains(label)) }
        let yTexts = parsed.all("text", class: "tick-label").map(\.text).filter { !$0.contains("e") }
        #expect(yTexts.count >= 4)
        #expect(yTexts.allSatisfy { Double($0) != nil })
        #expect(parsed.element(id: "x-title")?.text.contains("FLOPs") == true)
        #expect(parsed.element(id: "y-title")?.text == "loss")

        // The target marker with the fit's prediction, and the legend's formula.
        let predicted = try #require(model.target?.predictedLoss)
        let targetGroup = try #require(parsed.element(id: "target"))
        #expect(targetGroup.text.contains(NumberText.fixed(predicted, digits: 3)))
        #expect(parsed.all("path", class: "target-marker").count == 1)
        let fitLegend = try #require(parsed.element(id: "legend-fit")).text
        let curve = try #require(model.fit)
        #expect(fitLegend.contains(NumberText.short(curve.E)))
        #expect(fitLegend.contains(NumberText.fixed(curve.alpha, digits: 3)))
        #expect(parsed.element(id: "legend-target")?.text.contains("1e22") == true)
        let legend = try #require(parsed.element(id: "legend")).text
        for run in TUIFixtures.li2025.sweep.runs { #expect(legend.contains(run.name)) }
    }

    @Test func withoutATargetThereIsNoMarkerNorExtrapolation() throws {
        let parsed = try SVGElements.parse(SVGPlot(theme: Self.theme).render(Self.model(target: nil)))
        #expect(parsed.element(id: "target") == nil)
        #expect(parsed.element(id: "extrapolation") == nil)
        #expect(parsed.element(id: "fit") != nil)
    }

    @Test func togglesOfTheViewAreHonoured() throws {
        let options = PlotDrawOptions(showEnvelope: false, showFit: false)
        let parsed = try SVGElements.parse(SVGPlot(theme: Self.theme, options: options).render(Self.model()))
        #expect(parsed.element(id: "envelope") == nil)
        #expect(parsed.element(id: "fit") == nil)
        #expect(parsed.all("polyline", class: "run").count == 11)
    }

    @Test func hostileRunNamesAreEscapedAndTheXMLStillParses() throws {
        let dir = try TemporaryDirectory()
        let hostile = "<script>&\"'\u{1B}[31m"
        try dir.write("a.jsonl", """
            {"run": "\(hostile.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\u{1B}", with: "\\u001b"))", "params": 1e8}
            {"step": 1, "tokens": 1e8, "loss": 5.0}
            {"step": 2, "tokens": 1e9, "loss": 3.5}

            """)
        let reader = try SweepFixture.readOnce([dir.path])
        #expect(reader.sweep.runs.map(\.name) == [hostile])
        var analyzer = SweepAnalyzer(options: SweepAnalysisOptions())
        let model = PlotModel.make(sweep: reader.sweep, analysis: analyzer.analyze(reader.sweep), options: .init())
        let svg = SVGPlot(theme: Self.theme, title: hostile).render(model)
        #expect(!svg.contains("<script"))
        #expect(!svg.unicodeScalars.contains { $0.value == 0x1B })
        #expect(svg.contains("&lt;script&gt;&amp;&quot;&apos;"))
        let parsed = try SVGElements.parse(svg)
        let run = try #require(parsed.all("polyline", class: "run").first)
        #expect(run.attributes["data-run"] == "<script>&\"'\u{FFFD}[31m")
        #expect(parsed.element(id: "legend")?.text.contains("<script>&\"'") == true)
    }

    @Test func escapingCoversEveryXMLSpecialCharacter() {
        #expect(SVGPlot.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(SVGPlot.escape("x\u{07}\u{9B}y") == "x\u{FFFD}\u{FFFD}y")
    }

    @Test func numbersDoNotDependOnTheLocale() {
        #expect(SVGPlot.number(1234.5678) == "1234.57")
        #expect(SVGPlot.number(-0.5) == "-0.50")
        #expect(SVGPlot.number(12) == "12")
        #expect(SVGPlot.number(.nan) == "0")
    }

    @Test func xtermColoursMapToTheirRGB() {
        #expect(XTermColor.hex(16) == "#000000")
        #expect(XTermColor.hex(231) == "#ffffff")
        #expect(XTermColor.hex(196) == "#ff0000")
        #expect(XTermColor.hex(232) == "#080808")
        #expect(XTermColor.hex(9) == "#ff0000")
    }
}

@Suite struct CSVExportTests {
    static func fields(_ line: Substring) -> [String] { CSVFields.parse(line) }

    @Test func namesAreQuotedAsRFC4180Says() {
        #expect(CSVExport.field("plain") == "plain")
        #expect(CSVExport.field("a,b") == "\"a,b\"")
        #expect(CSVExport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Self.fields("\"a,b\",\"say \"\"hi\"\"\",3") == ["a,b", "say \"hi\"", "3"])
    }

    @Test func envelopeAndRunsHoldEveryEntryAndParseBackEqual() throws {
        let sweep = TUIFixtures.li2025.sweep
        let envelope = CSVExport.envelope(sweep).split(separator: "\n")
        #expect(envelope.first == "flops,tokens,step,loss")
        #expect(envelope.count - 1 == sweep.envelope.count)
        for (line, entry) in zip(envelope.dropFirst(), sweep.envelope.entries) {
            let values = Self.fields(line).map { Double($0) }
            #expect(values == [entry.flops, entry.tokens, entry.step, entry.loss])
        }
        let runs = CSVExport.runs(sweep).split(separator: "\n")
        #expect(runs.first == "run,params,step,tokens,flops,loss")
        #expect(runs.count - 1 == sweep.runs.reduce(0) { $0 + $1.curve.count })
        var index = 1
        for run in sweep.runs {
            for k in 0..<run.curve.count {
                let f = Self.fields(runs[index])
                index += 1
                let point = run.curve[k]
                #expect(f[0] == run.name)
                #expect(Double(f[1]) == run.meta.params)
                #expect(Double(f[2]) == point.step && Double(f[5]) == point.loss)
                #expect(Double(f[4]) == run.flops(of: point))
            }
        }
    }

    @Test func wholeNumbersAreWrittenAsIntegers() throws {
        let sweep = TUIFixtures.li2025.sweep
        let rows = CSVExport.runs(sweep).split(separator: "\n").dropFirst().map(Self.fields)
        // params, step and tokens of the Li et al. logs are whole numbers below 2^53.
        for row in rows {
            for field in [row[1], row[2], row[3]] where !field.isEmpty {
                #expect(!field.contains(".") && !field.contains("e"), "\(row)")
                #expect(Int64(field) != nil, "\(row)")
            }
        }
        #expect(CSVExport.number(355_000_000) == "355000000")
        #expect(CSVExport.number(10) == "10")
        #expect(CSVExport.number(-3) == "-3")
        // Past 2^53 a Double is not an exact count: the round-trip form stays.
        let large = CSVExport.number(1.4219798339439821e17)
        #expect(large.contains("e+") && Double(large) == 1.4219798339439821e17, "\(large)")
        #expect(CSVExport.number(2.5) == "2.5")
        #expect(CSVExport.number(.nan) == "")
    }

    @Test func theFitRunsLogSpacedFromTheSmallestComputeToTheTarget() throws {
        let loaded = TUIFixtures.li2025
        let model = PlotModel.make(sweep: loaded.sweep, analysis: loaded.analysis, options: .init(targetFlops: TUIFixtures.target))
        let lines = try #require(CSVExport.fit(model)).split(separator: "\n")
        #expect(lines.first == "flops,predicted_loss,band_low,band_high")
        let rows = lines.dropFirst().map { Self.fields($0).map { Double($0)! } }
        #expect(rows.count == 200)
        #expect(rows.first?[0] == loaded.sweep.envelope.entries.first?.flops)
        #expect(rows.last?[0] == TUIFixtures.target)
        let fit = try #require(loaded.analysis.envelopeFit)
        for row in rows {
            #expect(abs(row[1] - fit.loss(at: row[0])) <= 1e-12 * row[1])
            #expect(row[2] <= row[1] && row[1] <= row[3])
        }
        let band = try #require(loaded.analysis.band)
        #expect(abs(rows.last![2] - band.low) < 1e-9 && abs(rows.last![3] - band.high) < 1e-9)
        let ratios = zip(rows, rows.dropFirst()).map { $1[0] / $0[0] }
        #expect(ratios.allSatisfy { abs($0 / ratios[0] - 1) < 1e-6 })
    }
}
