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
        let data: Data
        switch kind {
        case .decisionsCSV:
            name = "beslut-\(stamp).csv"
            data = Data(DecisionsCSV.render(snapshot, catalog: catalog).utf8)
        case .everythingJSON:
            name = "beredning-\(stamp).json"
            data = Data(FullJSON(snapshot, store: store, catalog: catalog).rendered().utf8)
        case .workbook:
            name = "fonden-\(stamp).xlsx"
            // Zipping in memory fails only when memory does: said as it is.
            do { data = try XLSXWriter.data(FundWorkbook.workbook(snapshot, catalog: catalog)) } catch {
                throw .refused(Message(.storeWriteFailed, ["detail": .text(String(describing: error))]))
            }
        case .memoMarkdown(let id), .memoHTML(let id):
            guard let dossier = snapshot.entry(id)?.dossier else { throw .refused(Message(.storeMissingFile)) }
            let memo = Memo(dossier, config: snapshot.config, catalog: catalog, history: store.history(of: id).events)
            if case .memoHTML = kind {
                name = "beslutsunderlag-\(id)-\(stamp).html"
                data = Data(memo.html.utf8)
            } else {
                name = "beslutsunderlag-\(id)-\(stamp).md"
                data = Data(memo.markdown.utf8)
            }
        }
        let url = try store.exportURL(name)
        do { try AtomicFile.write(data, to: url) } catch { throw .writeFailed(error) }
        return url
    }
}
