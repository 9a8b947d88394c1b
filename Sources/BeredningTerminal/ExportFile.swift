import BeredningCore
import BeredningExport
import BeredningStore
import BeredningTUI
import Foundation

/// An export chosen in the interface (full-screen or plain), written into the store's
/// `exports` folder and named by what it is and when, so no export overwrites another.
public enum ExportFile {
    public static func write(_ kind: ExportKind, snapshot: StoreSnapshot, store: FileStore, catalog: Catalog, now: Date) throws(StoreError) -> URL {
        let stamp = WallTime(now).compact
        let name: String
        let text: String
        switch kind {
        case .decisionsCSV:
            name = "beslut-\(stamp).csv"
            text = DecisionsCSV.render(snapshot, catalog: catalog)
        case .everythingJSON:
            name = "beredning-\(stamp).json"
            text = FullJSON(snapshot, store: store, catalog: catalog).rendered()
        case .memoMarkdown(let id), .memoHTML(let id):
            guard let dossier = snapshot.entry(id)?.dossier else { throw .refused(Message(.storeMissingFile)) }
            let memo = Memo(dossier, config: snapshot.config, catalog: catalog, history: store.history(of: id).events)
            if case .memoHTML = kind {
                name = "beslutsunderlag-\(id)-\(stamp).html"
                text = memo.html
            } else {
                name = "beslutsunderlag-\(id)-\(stamp).md"
                text = memo.markdown
            }
        }
        let url = try store.exportURL(name)
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch { throw .writeFailed(error) }
        return url
    }
}
