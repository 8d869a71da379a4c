/// Greedy word wrapping by display width (dialogs, help text). Words wider than the
/// line are broken between characters; explicit newlines are kept.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        let clean = TerminalSanitizer.sanitize(text, options: .multiLine)
        var result: [String] = []
        for paragraph in clean.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ") {
                var word = String(word)
                var wordWidth = TextWidth.width(of: word)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 { result.append(line); line = ""; lineWidth = 0 }
                while wordWidth > width {
                    var head = "", headWidth = 0
                    for c in word {
                        let w = TextWidth.width(of: c)
                        if headWidth + w > width { break }
                        head.append(c); headWidth += w
                    }
                    if head.isEmpty { head = String(word.first!) }   // a wide char on a 1-column line
                    result.append(head)
                    word = String(word.dropFirst(head.count))
                    wordWidth = TextWidth.width(of: word)
                }
                line = word
                lineWidth = wordWidth
            }
            result.append(line)
        }
        return result
    }
}
