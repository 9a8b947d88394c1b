import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningTUI
import Foundation

let demo: StoreSnapshot = try! FileStore(root: BundledResources.demoStore, coreCriteria: BundledResources.coreCriteria()).load()
let sv = try! BundledResources.catalog(.sv)
let en = try! BundledResources.catalog(.en)

func member(_ id: String) -> Member { demo.config.member(MemberID(id)!)! }

/// A state on the demo store, as `id` sees it, at a terminal size.
func state(as id: String? = "anna", width: Int = 80, height: Int = 24) -> AppState {
    var state = AppState(snapshot: demo, member: id.map(member), catalog: sv, otherCatalog: en, width: width, height: height)
    state.now = Date(timeIntervalSince1970: 1_780_000_000)
    return state
}

extension AppState {
    /// Presses keys in order and returns every command they produced.
    @discardableResult
    mutating func press(_ keys: Key...) -> [Command] { press(keys) }

    @discardableResult
    mutating func press(_ keys: [Key]) -> [Command] {
        keys.flatMap { update(.key($0)) }
    }

    /// Types text one character at a time, as a person would.
    @discardableResult
    mutating func type(_ text: String) -> [Command] {
        press(text.map { Key.char($0) })
    }

    var screen: String { Frame.render(self).text }
    var statusText: String? { status?.text }
}
