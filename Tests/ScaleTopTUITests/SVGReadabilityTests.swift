import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ScaleTopCore
import ScaleTopTestSupport
import Testing
@testable import ScaleTopTUI

/// Every text of an exported figure with the fill it is painted in (its own, or the nearest
/// enclosing group's).
final class SVGTextInks: NSObject, XMLParserDelegate {
    var background: String?
    var texts: [(text: String, fill: String?)] = []
    private var fills: [String?] = []
    private var openText: Int?

    static func parse(_ svg: String) throws -> SVGTextInks {
        let collector = SVGTextInks()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return collector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "rect", attributes["width"] == "100%", background == nil { background = attributes["fill"] }
        let fill = attributes["fill"] ?? fills.last ?? nil
        fills.append(fill)
        if name == "text" {
            texts.append(("", fill))
            openText = texts.count - 1
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let openText { texts[openText].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        fills.removeLast()
        if name == "text" { openText = nil }
    }
}

@Suite struct SVGReadabilityTests {
    /// WCAG 2 relative luminance of `#rrggbb`, written out here apart from the code under test.
    static func luminance(_ hex: String) -> Double {
        let value = UInt32(hex.dropFirst(), radix: 16)!
        let channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff].map { Double($0) / 255 }
        let linear = channels.map { c in c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    static let model: PlotModel = {
        let loaded = TUIFixtures.li2025
        return PlotModel.make(sweep: loaded.sweep, analysis: loaded.analysis, options: .init(xAxis: .flops, targetFlops: TUIFixtures.target))
    }()

    static let themes: [Theme] = {
        let builtIn = ThemeLoader(overrides: [])
        return [Theme.builtInDefault] + ["default", "dark", "light"].map { try! builtIn.load(named: $0) }
    }()

    @Test(arguments: 0..<4)
    func everyTextMeetsAAContrastOnItsBackground(themeIndex: Int) throws {
        let theme = Self.themes[themeIndex]
        let svg = SVGPlot(theme: theme, title: "sweep-li2025").render(Self.model)
        let inks = try SVGTextInks.parse(svg)
        let background = try #require(inks.background)
        #expect(inks.texts.count > 20)
        for (text, fill) in inks.texts {
            let fill = try #require(fill, "'\(text)' has no fill")
            let ratio = Self.contrast(fill, background)
            #expect(ratio >= 4.5, "\(theme.name): '\(text)' in \(fill) on \(background) is \(ratio):1")
        }
        // The target's labels, the case that was unreadable (#ffff00 on white, 1.07:1).
        #expect(inks.texts.contains { $0.text.hasPrefix("L = ") })
    }

    @Test func theInkIsTheThemeColourWhenThatAlreadyReads() {
        #expect(ContrastingInk.readable("#000000", on: "#ffffff") == "#000000")
        #expect(ContrastingInk.readable("#af0000", on: "#ffffff") == "#af0000")
        let moved = ContrastingInk.readable("#ffff00", on: "#ffffff")
        #expect(moved != "#ffff00" && Self.contrast(moved, "#ffffff") >= 4.5)
        let lightened = ContrastingInk.readable("#1c1c1c", on: "#121212")
        #expect(Self.contrast(lightened, "#121212") >= 4.5)
    }

    @Test func theLegendListsRunsInTheTablesOrder() throws {
        let content = TUIFixtures.content()
        let order = content.tableOrder(for: DashboardState())
        let svg = SVGPlot(theme: .builtInDefault, legendOrder: order.map(\.slot)).render(Self.model)
        let parsed = try SVGElements.parse(svg)
        let names = Set(TUIFixtures.li2025.sweep.runs.map(\.name))
        let legendRuns = parsed.all("text", class: "legend-label").map(\.text).filter(names.contains)
        #expect(legendRuns == order.map(\.name))
        // By parameters: 12m before 100m before 1b, which string order would not give.
        #expect(legendRuns.first == "12m" && legendRuns.last == "1b", "\(legendRuns)")
        #expect(legendRuns != legendRuns.sorted())
    }
}
