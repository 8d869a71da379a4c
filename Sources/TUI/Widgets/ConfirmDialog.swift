/// A yes/no question in a centred box. The safe answer (cancel) has the focus first, so a
/// stray Enter never deletes anything. The first letter of each label answers directly
/// (`j`/`n` for "Ja"/"Nee", `y`/`n` for "Yes"/"No"); Esc cancels.
public struct ConfirmDialog: Equatable {
    public enum Action: Equatable {
        case confirm
        case cancel
    }

    public var title: String
    public var message: String
    public var confirmLabel: String
    public var cancelLabel: String
    /// Draw the confirm button in the danger style (deleting, erasing).
    public var isDestructive: Bool
    /// False where a letter typed out of habit must not answer (ending a meeting): then only
    /// arrows/Tab and Enter do.
    public var letterShortcuts: Bool
    public private(set) var confirmFocused = false

    public init(title: String, message: String, confirmLabel: String = "Ja", cancelLabel: String = "Nee",
                isDestructive: Bool = false, letterShortcuts: Bool = true) {
        self.letterShortcuts = letterShortcuts
        self.title = title
        self.message = message
        self.confirmLabel = confirmLabel
        self.cancelLabel = cancelLabel
        self.isDestructive = isDestructive
    }

    public mutating func handle(_ event: InputEvent, area: Rect) -> WidgetOutcome<Action> {
        switch event {
        case .key(let key):
            switch key.key {
            case .left, .right, .tab, .backTab:
                confirmFocused.toggle()
                return .handled
            case .enter: return .action(confirmFocused ? .confirm : .cancel)
            case .escape: return .action(.cancel)
            case .character(let c) where key.modifiers.isEmpty:
                let lower = Character(c.lowercased())
                guard letterShortcuts else { return .handled }
                if lower == shortcut(confirmLabel) { return .action(.confirm) }
                if lower == shortcut(cancelLabel) { return .action(.cancel) }
                return .handled   // modal: letters never fall through to the screen behind
            default: return .handled
            }
        case .mouse(let mouse):
            guard case .press(.left) = mouse.kind else { return .handled }
            let layout = self.layout(in: area)
            if layout.confirm.contains(mouse.position) { return .action(.confirm) }
            if layout.cancel.contains(mouse.position) { return .action(.cancel) }
            return .handled
        case .resize: return .ignored
        }
    }

    private func shortcut(_ label: String) -> Character? {
        label.first.map { Character($0.lowercased()) }
    }

    struct Layout {
        var box: Rect
        var messageLines: [String]
        var confirm: Rect
        var cancel: Rect
    }

    func layout(in area: Rect) -> Layout {
        let maxInner = max(10, min(area.width - 4, 60))
        let buttonsWidth = TextWidth.width(of: confirmLabel) + TextWidth.width(of: cancelLabel) + 4 + 4 + 3
        let wrapped = TextWrap.lines(message, width: maxInner)
        let contentWidth = max(wrapped.map { TextWidth.width(of: $0) }.max() ?? 0,
                               TextWidth.width(of: title) + 2, buttonsWidth)
        let inner = min(contentWidth, maxInner)
        let lines = TextWrap.lines(message, width: inner)
        let height = min(lines.count + 4, area.height)
        let box = area.centered(Size(width: inner + 4, height: height))
        let buttonY = box.maxY - 2
        let confirmWidth = TextWidth.width(of: confirmLabel) + 4
        let cancelWidth = TextWidth.width(of: cancelLabel) + 4
        let startX = box.x + (box.width - (confirmWidth + cancelWidth + 3)) / 2
        return Layout(box: box, messageLines: lines,
                      confirm: Rect(x: startX, y: buttonY, width: confirmWidth, height: 1),
                      cancel: Rect(x: startX + confirmWidth + 3, y: buttonY, width: cancelWidth, height: 1))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let layout = self.layout(in: area)
        let box = layout.box
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box, style: theme[.dialog])
        let inside = Border.draw(box, into: &buffer, style: theme[.focusBorder], title: title,
                                 titleStyle: theme[.focusBorder].with(attributes: .bold), unicode: theme.usesUnicodeGlyphs)
        for (i, line) in layout.messageLines.enumerated() where i < inside.height - 2 {
            buffer.put(text: line, in: Rect(x: inside.x + 1, y: inside.y + i, width: inside.width - 2, height: 1),
                       style: theme[.dialog])
        }
        // The focused button gets brackets and the selection style: shape, not colour alone.
        func button(_ label: String, rect: Rect, focused: Bool, role: ThemeRole) {
            let text = focused ? "[ " + label + " ]" : "  " + label + "  "
            let style = focused ? theme[.selection] : theme[role]
            buffer.put(text: text, in: rect, style: style, alignment: .center)
        }
        button(confirmLabel, rect: layout.confirm, focused: confirmFocused, role: isDestructive ? .danger : .dialog)
        button(cancelLabel, rect: layout.cancel, focused: !confirmFocused, role: .dialog)
    }
}
