import HubKit

/// An importer that can say why it did not claim an input that it nearly fits, such as a mapping
/// whose `file.headers` are all in the header row but one. When no importer claims an input, the
/// import's message names these near misses instead of only "no importer recognises this content".
package protocol ExplainsNearMiss {
    /// Why `source` was not claimed although it nearly fits, or nil when it is not close.
    func nearMiss(_ source: ImportSource) -> String?
}
