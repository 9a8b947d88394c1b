import BeredningTUI
import CNcursesw
import Foundation

/// The ncurses screen: opens and restores the terminal, copies a frame's changed cells to it
/// and decodes keys. Everything it draws comes from a `ScreenBuffer`.
public final class Terminal {
    private var previous: ScreenBuffer?
    private let colours: Bool
    private let screen: OpaquePointer

    public enum StartError: Error { case noTerminal(String) }

    /// Opens the terminal. Without a UTF-8 locale ncursesw silently drops å ä ö, so a
    /// non-UTF-8 locale falls back to C.UTF-8.
    public init(environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        let codeset = String(cString: bered_codeset())
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
        guard let screen = bered_newterm() else {
            throw StartError.noTerminal(environment["TERM"] ?? "")
        }
        self.screen = screen
        set_term(screen)
        raw()  // Ctrl-C and Ctrl-Z arrive as keys, so unsaved work can be asked about
        noecho()
        nonl()
        keypad(bered_stdscr(), true)
        set_escdelay(25)  // the default second makes Esc feel broken
        wtimeout(bered_stdscr(), 200)  // the loop wakes to notice SIGTERM and SIGHUP
        colours = bered_has_colors() != 0 && environment["NO_COLOR"].map(\.isEmpty) ?? true
        if colours {
            start_color()
            use_default_colors()  // keep the terminal's own background
            init_pair(Int16(Style.Color.accent.rawValue), Int16(COLOR_CYAN), -1)
            init_pair(Int16(Style.Color.error.rawValue), Int16(COLOR_RED), -1)
            init_pair(Int16(Style.Color.success.rawValue), Int16(COLOR_GREEN), -1)
            init_pair(Int16(Style.Color.warning.rawValue), Int16(COLOR_YELLOW), -1)
            init_pair(Int16(Style.Color.muted.rawValue), -1, -1)
        }
        bered_install_signal_handlers()
    }

    /// Restores the terminal as it was. Safe to call more than once.
    public func close() {
        if isendwin() == false { endwin() }
    }

    deinit {
        close()
        delscreen(screen)
    }

    public var size: (width: Int, height: Int) { (Int(bered_cols()), Int(bered_lines())) }

    /// A signal that asks the program to end (SIGTERM, SIGHUP, SIGINT, SIGQUIT), if one came.
    public var pendingSignal: Int32? {
        let number = bered_pending_signal()
        return number == 0 ? nil : number
    }

    /// Draws the cells that differ from the last frame (all of them after a resize or redraw).
    public func draw(_ buffer: ScreenBuffer) {
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { werase(bered_stdscr()) }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell == .continuation { continue }
                if !full, let previous, previous[x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            wmove(bered_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(bered_stdscr())
        previous = buffer
    }

    /// Forgets what is on the screen, so the next draw repaints everything (Ctrl-L, after an editor).
    public func invalidate() {
        previous = nil
        clearok(bered_stdscr(), true)
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attributes = bered_a_normal()
        if cell.style.bold { attributes |= bered_a_bold() }
        if cell.style.reverse { attributes |= bered_a_reverse() }
        if cell.style.dim { attributes |= bered_a_dim() }
        if cell.style.underline { attributes |= bered_a_underline() }
        let pair = colours ? Int16(cell.style.color?.rawValue ?? 0) : 0
        // setcchar takes one spacing character and up to four combining ones.
        var characters = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        if characters.isEmpty { characters = [wchar_t(32)] }
        characters.append(0)
        _ = characters.withUnsafeBufferPointer { bered_put(Int32(y), Int32(x), $0.baseAddress, attributes, pair) }
    }

    /// The next event, or nil when nothing arrived within the read timeout.
    public func read() -> Event? {
        var code: wint_t = 0
        let result = bered_get(&code)
        if result == bered_err() { return nil }
        if result == bered_key_code_yes() { return functionKey(Int32(code)) }
        switch code {
        case 27:
            // Esc alone, or Alt+key as Esc followed at once by the key.
            wtimeout(bered_stdscr(), 0)
            defer { wtimeout(bered_stdscr(), 200) }
            var next: wint_t = 0
            let more = bered_get(&next)
            if more == bered_ok(), let scalar = Unicode.Scalar(UInt32(next)) { return .key(.alt(Character(scalar))) }
            return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    private func functionKey(_ code: Int32) -> Event? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_RESIZE:
            // The terminal cleared itself; ncurses' own idea of what is shown is stale too.
            let (width, height) = size
            invalidate()
            return .resize(width: width, height: height)
        case KEY_F0 + 1...KEY_F0 + 12: return .key(.function(Int(code - KEY_F0)))
        default:
            // Ctrl-Left/Right have no fixed code; ncurses names them kLFT5 and kRIT5.
            if let name = keyname(code).map({ String(cString: $0) }) {
                if name == "kLFT5" { return .key(.ctrlLeft) }
                if name == "kRIT5" { return .key(.ctrlRight) }
            }
            return nil
        }
    }

    /// Leaves curses for a program that needs the terminal ($EDITOR), then comes back.
    public func suspendForProgram(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        invalidate()
    }

    /// Ctrl-Z: hands the terminal back to the shell until `fg`.
    public func suspendToShell() {
        suspendForProgram { raise(SIGTSTP) }
    }
}
