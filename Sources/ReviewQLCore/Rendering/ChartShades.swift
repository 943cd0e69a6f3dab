/// The fills of a grouped or stacked chart's series, darkest first, so the first level of an
/// ordered scale (Inadequate) is the darkest and each next level lighter: the order reads in
/// the picture as it does in the scale.
///
/// They must still tell apart when printed in grey or read by someone who cannot tell hues:
/// so they are one hue (ColorBrewer's sequential "Blues") that differ by lightness alone,
/// and the relative luminance (WCAG 2's formula: the sRGB channels made linear, weighted
/// 0.2126, 0.7152, 0.0722) rises by at least 0.12 from each to the next (0.032, 0.155, 0.383,
/// 0.652, 0.897; `ChartShadeTests` works it out again). Every bar also has a dark outline,
/// so the lightest is seen on white paper. In a terminal the same order is the block shades
/// █ ▓ ▒ ░ and a dotted fill, densest first.
enum ChartShades {
    static let colours = ["#08306b", "#2171b5", "#6baed6", "#bdd7e7", "#eff3ff"]
    static let blocks = ["█", "▓", "▒", "░", "┈"]
    static let asciiBlocks = ["#", "=", "+", "-", "."]
    static var count: Int { colours.count }
    static let outline = "#222222"
}
