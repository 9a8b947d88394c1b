import BeredningTUI
import CNcursesw
import Foundation

/// The ncurses screen: opens and restores the terminal, copies a frame's changed cells to it
/// and decodes keys. Everything it draws comes from a `ScreenBuffer`.
public final class Terminal {
    private var previous: ScreenBuffer?
    private let colours: Bool
    private let screen: OpaquePointer

    /// Set when the terminal has gone away (its window closed, the connection dropped): the
    /// program keeps the member's draft and ends instead of reading nothing for ever.
    public private(set) var isGone = false
    /// Reads that found input announced but none there; a few in a row mean end of file.
    private var emptyReads = 0

    public enum StartError: Error {
        case noTerminal(String)
        /// The terminal cannot move its cursor (TERM=dumb): a full-screen interface would show one line.
        case cannotAddress(String)
    }

    /// Turns bracketed paste on and off: a paste then arrives marked, as text, not as keys.
    private static let pasteOn = "\u{1B}[?2004h"
    private static let pasteOff = "\u{1B}[?2004l"
    /// The longest wait for a key, so the loop notices signals and background work.
    private static let readTimeout: Int32 = 200

    /// Opens the terminal. Without a UTF-8 locale ncursesw silently drops å ä ö, so a
    /// non-UTF-8 locale falls back to C.UTF-8.
    public init(environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        let codeset = String(cString: bered_codeset())
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_ALL, "C.UTF-8")
        }
        let term = environment["TERM"] ?? ""
        switch bered_terminal_can_address() {
        case 0: throw StartError.cannotAddress(term)
        case 1: break
        default: throw StartError.noTerminal(term)
        }
        guard let screen = bered_newterm() else {
            throw StartError.noTerminal(term)
        }
        self.screen = screen
        set_term(screen)
        raw()  // Ctrl-C and Ctrl-Z arrive as keys, so unsaved work can be asked about
        noecho()
        nonl()
        keypad(bered_stdscr(), true)
        set_escdelay(25)  // the default second makes Esc feel broken
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
        bered_write_terminal(Terminal.pasteOn)
    }

    /// Restores the terminal as it was. Safe to call more than once.
    public func close() {
        if isendwin() == false {
            endwin()
            bered_write_terminal(Terminal.pasteOff)
        }
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
        // The cursor stays visible and on what has focus, typed into or not: screen readers,
        // braille displays and magnifiers follow it. ncurses sends curs_set only on a change.
        let cursor = buffer.cursor ?? (0, 0)
        curs_set(1)
        wmove(bered_stdscr(), Int32(min(max(0, cursor.y), buffer.height - 1)), Int32(min(max(0, cursor.x), buffer.width - 1)))
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

    /// More input is already there to be read.
    public var hasInputWaiting: Bool { bered_wait_for_input(0) == 1 }

    /// The next event, or nil when nothing arrived within the read timeout (or the terminal
    /// is gone: see `isGone`).
    public func read() -> Event? {
        guard let input = next(wait: Terminal.readTimeout) else { return nil }
        switch input {
        case .function(let code): return functionKey(code)
        case .scalar(let scalar): return event(for: scalar)
        }
    }

    private enum Input {
        case scalar(Unicode.Scalar)
        case function(Int32)
    }

    /// The next key within `wait` milliseconds. ncurses' own queue is asked first (it holds
    /// the rest of a sequence it did not know); then the terminal is polled, so a hang-up is
    /// seen as one instead of as an endless run of empty reads.
    private func next(wait: Int32) -> Input? {
        if let input = take(timeout: 0) { return input }
        switch bered_wait_for_input(wait) {
        case 0:
            return nil
        case 1:
            if let input = take(timeout: 25) { return input }
            emptyReads += 1
            if emptyReads >= 3 { isGone = true }
            return nil
        default:
            isGone = true
            return nil
        }
    }

    private func take(timeout: Int32) -> Input? {
        wtimeout(bered_stdscr(), timeout)
        var code: wint_t = 0
        let result = bered_get(&code)
        if result == bered_err() { return nil }
        emptyReads = 0
        if result == bered_key_code_yes() { return .function(Int32(code)) }
        return Unicode.Scalar(UInt32(code)).map(Input.scalar)
    }

    private func event(for scalar: Unicode.Scalar) -> Event? {
        switch scalar.value {
        case 27:
            let decoded = EscapeInput.decode { wait in
                switch self.take(timeout: Int32(wait)) {
                case .scalar(let scalar)?: return .scalar(scalar)
                case .function?: return .decoded
                case nil: return nil
                }
            }
            switch decoded {
            case .key(let key): return .key(key)
            case .paste(let text): return .text(text)
            case .escape: return .key(.escape)
            case .ignored: return nil
            }
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(scalar.value) + 96))))
        default: return .key(.char(Character(scalar)))
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
        bered_write_terminal(Terminal.pasteOff)
        body()
        reset_prog_mode()
        bered_write_terminal(Terminal.pasteOn)
        // What the program left unread (an editor's unanswered terminal replies) is not ours.
        flushinp()
        invalidate()
    }

    /// Ctrl-Z: hands the terminal back to the shell until `fg`.
    public func suspendToShell() {
        suspendForProgram { raise(SIGTSTP) }
    }
}
